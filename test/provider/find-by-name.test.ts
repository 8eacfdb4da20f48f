/**
 * After a POST whose outcome is unknown, create looks for its object by name. ISC's `name eq` compares without case
 * and finds nothing for a name with `+`: the look-up must still find exactly the objects with that very name.
 */
import { startEmulator, Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { IscClient } from "../../provider/src/client";
import { CollectionApi } from "../../provider/src/provider/api";
import { definitionOf } from "../../provider/src/provider/registry";

const accessProfileDefinition = definitionOf("accessProfile");

let emu: Emulator;
let admin: EmulatorAdmin;
let api: CollectionApi;
let owner: string;
let source: string;

beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 3 });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    owner = state.identities[0].id;
    source = state.sources[0].id;
    api = new CollectionApi(new IscClient({ baseUrl: emu.url, clientId: "demo-client", clientSecret: "demo-secret" }), "/v3/access-profiles");
});
afterAll(() => emu?.close());

const make = (name: string) => admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: owner }, source: { type: "SOURCE", id: source } });

test.each(["C++ Developers", 'Finance "Core" Access', "Straße Verwaltung", "Payroll Admins"])(
    "finds %s by its exact name, not its case variant",
    async (name) => {
        const mine = await make(name);
        await make(name.toUpperCase() === name ? name.toLowerCase() : name.toUpperCase());
        const found = await accessProfileDefinition.findByName(api, name);
        expect(found.map((p) => p.id)).toEqual([mine.id]);
    },
);
