import { schemaDefinition } from "../../provider/schema-definition";
import { accessProfileSchema } from "./schema";

export const accessProfileDefinition = schemaDefinition({
    schema: accessProfileSchema,
    version: (settings) => settings.versions.accessProfiles,
    findByName: (api, name) => api.list({ filters: `name eq ${JSON.stringify(name)}` }),
    bulkDelete: { route: "bulk-delete", idsField: "accessProfileIds" },
});
