/**
 * The demo until the Pulumi CLI story lands: starts the emulator, then drives the provider's own dynamic
 * provider (the code Pulumi runs) through a segment's life, printing each step and the API calls it made.
 */
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { IscDynamicProvider } from "../provider/src/provider/dynamic-provider";

type Props = Record<string, unknown>;

async function main(): Promise<void> {
    const emu = await startEmulator({ port: 0, seed: 1 });
    const admin = new EmulatorAdmin(emu.url);
    console.log(`ISC emulator listening on ${emu.url} (client demo-client / demo-secret)\n`);
    const provider = new IscDynamicProvider("segment");
    await provider.configure({
        config: {
            get: (key: string) =>
                ({ "isc:baseUrl": emu.url, "isc:clientId": "demo-client", "isc:clientSecret": "demo-secret" } as Record<string, string>)[key],
            require: (key: string) => key,
        },
    });
    const state = await admin.state();
    const alice = state.identities.find((i) => i.name === "Alice Admin");
    const bob = state.identities.find((i) => i.name === "Bob Owner");
    if (!alice || !bob) throw new Error("the emulator's seed changed: no Alice Admin / Bob Owner");

    const step = async <T>(title: string, fn: () => Promise<T>): Promise<T> => {
        await admin.clearRequests();
        const started = Date.now();
        const result = await fn();
        const calls = await admin.requests();
        console.log(`== ${title} (${Date.now() - started} ms, ${calls.length} API call${calls.length === 1 ? "" : "s"})`);
        for (const c of calls) {
            const body = c.method === "PATCH" ? `  ${JSON.stringify(c.requestBody)}` : "";
            console.log(`   ${c.method} ${c.path} -> ${c.status}${body}`);
        }
        return result;
    };

    const declared: Props = {
        name: "London Office Employees",
        description: "Everyone based in London",
        owner: { id: alice.id },
        active: true,
        visibilityCriteria: {
            expression: {
                operator: "AND",
                children: [
                    { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "London" } },
                    { operator: "EQUALS", attribute: "department", value: { type: "STRING", value: "Sales" } },
                ],
            },
        },
    };
    const checked = await step("check: validate the declared segment (no API call)", () => provider.check({}, declared));
    const created = await step("create", () => provider.create(checked.inputs as Props));
    const id = created.id;
    console.log(`   segment id ${id}\n`);

    await admin.drift("segments", id, { description: "Edited in the ISC UI" });
    console.log("== someone edits the description in the ISC UI (through the emulator's admin API)");
    const refreshed = await step("read (refresh): what the tenant really holds", () => provider.read(id, created.outs as Props));
    const drift = await provider.diff(id, refreshed.props as Props, checked.inputs as Props);
    console.log(`   drift detected: ${drift.changes}; tenant says "${(refreshed.props as Props).description}"\n`);

    const edited = (await provider.check(checked.inputs as Props, { ...declared, owner: { id: bob.id } })).inputs as Props;
    const updated = await step("update: restore the description and hand the segment to Bob (one minimal PATCH)", () =>
        provider.update(id, refreshed.props as Props, edited),
    );
    await step("delete", () => provider.delete(id, updated.outs as Props));
    console.log(`\nDone. The emulator holds ${(await admin.state()).segments.length} segments.`);
    await emu.close();
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
