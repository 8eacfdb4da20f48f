/**
 * The live tenant through the real pulumi CLI (scripts/lib/pulumi.ts: a file backend, offline), once: a program
 * that looks up its owner, source and entitlements by name and declares a Segment and an AccessProfile in it;
 * `pulumi up` creates them, `pulumi preview --refresh --expect-no-changes` passes and writes nothing, a change made
 * through the REST API makes it fail naming the field, and `pulumi destroy` deletes both. The stack reaches the
 * tenant through the recording pass-through (proxy.ts). Opt-in: see support.ts and the README.
 */
import * as fs from "fs";
import * as path from "path";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../../scripts/lib/pulumi";
import { RecordingProxy } from "./proxy";
import { describeLive, eventually, PROVIDER_PACE, runPrefix, TenantApi, type Kind, type References } from "./support";

const LONG = 20 * 60_000;
const PROJECT = "isc-live-cli";

const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const isc = require("pulumi-sailpoint-isc");
const live = new pulumi.Config("live");
const prefix = live.require("prefix");
const owner = isc.getIdentityOutput(live.requireObject("identity"));
const source = isc.getSourceOutput({ name: live.require("source") });
const entitlements = isc.getEntitlementsOutput({ source, values: live.requireObject("values") });
const segment = new isc.Segment("segment", {
    name: prefix + "-cli-segment",
    description: "Made by the live suite through the pulumi CLI",
    owner: { id: owner.id },
    active: false,
});
const profile = new isc.AccessProfile("profile", {
    name: prefix + "-cli-profile",
    description: "Made by the live suite through the pulumi CLI",
    owner: { id: owner.id },
    source: { id: source.id },
    entitlements: entitlements.apply((es) => es.map((e) => ({ id: e.id }))),
    enabled: false,
    requestable: true,
    segments: [segment.id],
});
exports.segmentId = segment.id;
exports.profileId = profile.id;
`;

describeLive("the live tenant through the pulumi CLI", (tenant) => {
    const prefix = runPrefix();
    let api: TenantApi;
    let refs: References;
    let proxy: RecordingProxy;
    let stack: PulumiStack;
    let ids: Partial<Record<Kind, string>> = {};

    beforeAll(async () => {
        api = new TenantApi(tenant(), prefix);
        const swept = await api.sweep();
        if (swept.length > 0) console.log(`swept leftovers of earlier runs: ${swept.join(", ")}`);
        refs = await api.references();
        proxy = await RecordingProxy.start(tenant().baseUrl);
        const cliEnv = await pulumiCliEnv();
        stack = new PulumiStack(installProgram(packProvider(), { project: PROJECT }), "live", cliEnv);
        fs.writeFileSync(path.join(stack.programDir, "index.js"), PROGRAM);
        await stack.init();
        const config: Array<[string, string, boolean?]> = [
            ["isc:baseUrl", proxy.url],
            ["isc:clientId", tenant().clientId],
            ["isc:clientSecret", tenant().clientSecret, true],
            ["isc:maxRequestsPer10Seconds", String(PROVIDER_PACE)],
            ["isc:propagationTimeoutSeconds", "60"],
            ["live:prefix", prefix],
            ["live:identity", JSON.stringify(refs.identity.alias ? { alias: refs.identity.alias } : { name: refs.identity.name })],
            ["live:source", refs.source.name],
            ["live:values", JSON.stringify(refs.entitlements.slice(0, 2).map((e) => e.value))],
        ];
        for (const [key, value, secret] of config) await stack.setConfig(key, value, { secret });
    }, LONG);

    afterAll(async () => {
        // Whatever failed: let pulumi delete what its state holds, then remove anything of this run it missed.
        if (stack && (ids.segments || ids["access-profiles"])) await stack.run(["destroy", "--yes", "--skip-preview"], { allowFailure: true, timeoutMs: LONG });
        const left = api ? await api.removeRun() : [];
        if (left.length > 0) console.log(`afterAll removed: ${left.join(", ")}`);
        stack?.dispose();
        await proxy?.close();
    }, LONG);

    test(
        "up creates both, preview --refresh finds no change, drift fails it, destroy deletes both",
        async () => {
            proxy.clear();
            await stack.run(["up", "--yes", "--skip-preview"], { timeoutMs: LONG });
            const outputs = await stack.outputs();
            ids = { segments: String(outputs.segmentId), "access-profiles": String(outputs.profileId) };
            api.track("segments", ids.segments!);
            api.track("access-profiles", ids["access-profiles"]!);
            expect(
                proxy
                    .writes()
                    .map((w) => `${w.method} ${w.path}`)
                    .sort(),
            ).toEqual([`POST ${api.path("access-profiles")}`, `POST ${api.path("segments")}`].sort());
            const profile = await api.ours("access-profiles", ids["access-profiles"]!);
            expect(profile).toMatchObject({
                name: `${prefix}-cli-profile`,
                owner: { id: refs.identity.id },
                source: { id: refs.source.id },
                segments: [ids.segments],
            });
            expect(((profile.entitlements ?? []) as Array<{ id: string }>).map((e) => e.id).sort()).toEqual(
                refs.entitlements
                    .slice(0, 2)
                    .map((e) => e.id)
                    .sort(),
            );
            // A refresh reads the lists: wait until they hold both objects as written.
            for (const kind of ["segments", "access-profiles"] as const) {
                await eventually(
                    `${kind} list`,
                    () => api.list(kind),
                    (all) => all.some((o) => o.id === ids[kind] && o.description === "Made by the live suite through the pulumi CLI"),
                );
            }

            proxy.clear();
            const clean = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true, timeoutMs: LONG });
            expect(`${clean.code}\n${clean.stdout.slice(-3000)}`).toMatch(/^0\n/);
            expect(proxy.writes()).toEqual([]);

            await api.patchOurs("segments", ids.segments!, [{ op: "replace", path: "/description", value: "Changed outside Pulumi" }]);
            await eventually(
                "the drift in the segments list",
                () => api.list("segments"),
                (all) => all.some((o) => o.id === ids.segments && o.description === "Changed outside Pulumi"),
            );
            proxy.clear();
            // A list read right after the change may still be an older replica's: ISC is eventually consistent.
            const drifted = await eventually(
                "preview --refresh --expect-no-changes failing on the drift",
                () => stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true, timeoutMs: LONG }),
                (r) => r.code !== 0,
            );
            expect(drifted.stdout).toMatch(/description/);
            expect(proxy.writes()).toEqual([]);

            proxy.clear();
            await stack.run(["destroy", "--yes", "--skip-preview"], { timeoutMs: LONG });
            for (const kind of ["segments", "access-profiles"] as const) await api.gone(kind, ids[kind]!);
            // Only this run's two objects were written to: by id, or by the access profiles' bulk delete.
            for (const w of proxy.writes()) {
                expect(`${w.method} ${w.path}`).toMatch(
                    new RegExp(
                        `^(DELETE (${api.path("segments", ids.segments!)}|${api.path("access-profiles", ids["access-profiles"]!)})|POST ${api.path("access-profiles")}/bulk-delete)$`,
                    ),
                );
                if (w.method === "POST") expect(w.body).toEqual({ accessProfileIds: [ids["access-profiles"]], bestEffortOnly: true });
            }
            const state = await stack.exportState();
            expect(state).not.toContain(tenant().clientSecret);
            expect(state).not.toContain("isc:Segment::segment");
            ids = {};
        },
        LONG,
    );
});
