/** v2026, published by SailPoint with the same segment and access-profile routes, is selectable and works end to end. */
import { startEmulator, Emulator } from "../../emulator";
import { isIscConfigError } from "../../provider/src/client";
import { clientFor, CollectionApi } from "../../provider/src/provider/api";
import { resolveProviderSettings } from "../../provider/src/provider/settings";

let emu: Emulator;
beforeAll(async () => (emu = await startEmulator({ port: 0, seed: 12 })));
afterAll(() => emu?.close());

test("isc:segmentsApiVersion v2026: create, read, patch and delete a segment under /v2026", async () => {
    const settings = resolveProviderSettings({ baseUrl: emu.url, clientId: "demo-client", clientSecret: "demo-secret", segmentsApiVersion: "v2026" }, {});
    expect(settings.versions.segments).toBe("v2026");
    const api = new CollectionApi(clientFor(settings), `/${settings.versions.segments}/segments`);
    const made = await api.create({ name: "v2026 segment" });
    expect((await api.get(made.id))?.name).toBe("v2026 segment");
    expect((await api.patch(made.id, [{ op: "replace", path: "/active", value: true }])).active).toBe(true);
    expect(await api.delete(made.id)).toBe(true);
    expect(await api.get(made.id)).toBeUndefined();
});

test("an unknown version is refused, listing every version including v2026", () => {
    let error: unknown;
    try {
        resolveProviderSettings({ baseUrl: emu.url, clientId: "c", clientSecret: "s", accessProfilesApiVersion: "v2027" }, {});
    } catch (e) {
        error = e;
    }
    expect(isIscConfigError(error)).toBe(true);
    expect((error as Error).message).toBe('isc:accessProfilesApiVersion is "v2027": use one of "v3", "beta", "v2024", "v2025", "v2026".');
});
