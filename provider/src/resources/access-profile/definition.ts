import { schemaDefinition } from "../../provider/schema-definition";
import { canFilter, quote } from "../../client";
import { accessProfileSchema } from "./schema";

export const accessProfileDefinition = schemaDefinition({
    schema: accessProfileSchema,
    version: (settings) => settings.versions.accessProfiles,
    // ISC's `name eq` compares without case and matches nothing for a name with `+`: filter where the name allows
    // it, list the collection otherwise, and keep exact matches only.
    findByName: async (api, name) =>
        (canFilter(name) ? await api.list({ filters: `name eq ${quote(name)}` }) : await api.list()).filter((p) => p.name === name),
    bulkDelete: { route: "bulk-delete", idsField: "accessProfileIds" },
});
