import type { ResourceDescription } from "../description";
import { segmentSchema } from "./schema";

export const segmentDescription: ResourceDescription = {
    schema: segmentSchema,
    // idn/v2025/paths/segments.yaml: the version the schema was modelled on.
    defaultVersion: "v2025",
    // ISC has no filters on segments: list them all (pages of 250) and match the name here.
    findByName: async (api, name) => (await api.list()).filter((s) => s.name === name),
};
