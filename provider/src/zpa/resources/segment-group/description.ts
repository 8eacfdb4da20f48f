import type { ZpaResourceDescription } from "../description";
import { segmentGroupSchema } from "./schema";

export const segmentGroupDescription: ZpaResourceDescription = {
    schema: segmentGroupSchema,
    kind: "segmentGroup",
    path: "/segmentGroup",
    // On read each application segment comes back whole; a write takes [{id}].
    idObjectSets: ["applications"],
};
