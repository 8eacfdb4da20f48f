import { schemaDefinition } from "../../provider/schema-definition";
import { segmentSchema } from "./schema";

export const segmentDefinition = schemaDefinition({
    schema: segmentSchema,
    version: (settings) => settings.versions.segments,
    // ISC has no filters on segments: list them all (pages of 250) and match the name here.
    findByName: async (api, name) => (await api.list()).filter((s) => s.name === name),
});
