/** `GET` of a segment or access-profile collection: ISC's paging, and the access profiles' filters and segment scoping. */
import type { Answer } from "./answer";
import { ACCESS_PROFILE_FILTERS, ACCESS_PROFILE_SORTERS, query } from "./collections";
import { CODES, HttpError } from "./errors";
import { page } from "./paging";
import type { Kind } from "./store";
import type { JsonObject } from "./validation";

/** `objects` (as a read sees them now) filtered, sorted and paged as the query asks. */
export function listObjects(kind: Kind, objects: JsonObject[], q: URLSearchParams): Answer {
    let all = objects;
    if (kind === "segments") {
        if (q.get("filters")) throw new HttpError(400, CODES.badContent, ["Segments cannot be filtered: the filters parameter is not supported here."]);
        return { status: 200, ...page(all, q) };
    }
    if (q.has("for-subadmin")) throw new HttpError(400, CODES.badContent, ['The query parameter "for-subadmin" is not supported by the ISC emulator.']);
    const forSegments = q.get("for-segment-ids");
    if (forSegments) {
        const wanted = forSegments.split(",").map((s) => s.trim());
        const unsegmented = q.get("include-unsegmented") !== "false";
        all = all.filter((p) => {
            const segs = (p.segments as string[] | null) ?? [];
            return segs.some((s) => wanted.includes(s)) || (unsegmented && segs.length === 0);
        });
    }
    return { status: 200, ...query(all, q, ACCESS_PROFILE_FILTERS, ACCESS_PROFILE_SORTERS) };
}
