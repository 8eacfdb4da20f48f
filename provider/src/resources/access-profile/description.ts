import { canFilter, quote } from "../../client";
import type { ResourceDescription } from "../description";
import { accessProfileSchema } from "./schema";
import { keepsPreviousSourceEntitlements } from "./source-change";

export const accessProfileDescription: ResourceDescription = {
    schema: accessProfileSchema,
    // idn/v3/paths/access-profiles.yaml: the version the schema was modelled on.
    defaultVersion: "v3",
    // ISC's `name eq` compares without case and matches nothing for a name with `+`: filter where the name allows
    // it, list the collection otherwise, and keep exact matches only.
    findByName: async (api, name) =>
        (canFilter(name) ? await api.list({ filters: `name eq ${quote(name)}` }) : await api.list()).filter((p) => p.name === name),
    bulkDelete: { route: "bulk-delete", idsField: "accessProfileIds" },
    checkChange: keepsPreviousSourceEntitlements,
};
