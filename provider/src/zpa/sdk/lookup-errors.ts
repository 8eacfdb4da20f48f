/**
 * The ZPA lookups' error, an IscError (../../errors) with a literal `name` and a guard by that name, as every error
 * of the package (two copies of the package may be loaded, so `instanceof` alone cannot be trusted). Messages hold
 * what was searched, where, and names and ids read from ZPA; never a token, a secret or an Authorization header.
 */
import { guardOf, IscError } from "../../errors";

/** One object that matched, as an error lists it. */
export interface ZpaCandidate {
    id: string;
    name: string;
}

export type ZpaLookupProblem =
    | {
          kind: "not-found";
          /** e.g. `segment group named "Intranet"` */
          what: string;
          /** e.g. `https://config.private.zscaler.com/mgmtconfig/v1/admin/customers/123/segmentGroup` (no query, no credential) */
          where: string;
          /** How it was searched: the search sent and how many objects were compared. */
          searched: string;
          /** Up to five names from the whole list, closest first (empty when the list is empty). */
          closest: string[];
      }
    | {
          kind: "ambiguous";
          what: string;
          where: string;
          /** "exact": several objects carry exactly the wanted name; "case-insensitive": none does, several do ignoring case. */
          how: "exact" | "case-insensitive";
          candidates: ZpaCandidate[];
      }
    | { kind: "invalid"; what: string; reason: string };

/** A ZPA lookup found nothing, found several (never a silent pick), or was asked something it cannot look up. */
export class ZpaLookupError extends IscError {
    override readonly name = "ZpaLookupError" as const;
    constructor(
        /** e.g. "getSegmentGroup" */
        readonly lookup: string,
        readonly problem: ZpaLookupProblem,
    ) {
        super(`${lookup}: ${describe(problem)}`);
    }
}

export const isZpaLookupError = guardOf<ZpaLookupError>("ZpaLookupError");

function quoted(names: string[]): string {
    return names.map((n) => JSON.stringify(n)).join(", ");
}

function describe(p: ZpaLookupProblem): string {
    switch (p.kind) {
        case "not-found": {
            const closest = p.closest.length ? ` Closest names: ${quoted(p.closest)}.` : " Nothing is listed there.";
            return `no ${p.what} in ${p.where}, exactly or ignoring case (${p.searched}).${closest}`;
        }
        case "ambiguous": {
            const how = p.how === "exact" ? "exactly" : "ignoring case (none exactly)";
            const listed = p.candidates.map((c) => `name ${JSON.stringify(c.name)} (id ${c.id})`).join("; ");
            return `${p.candidates.length} objects match ${p.what} ${how} in ${p.where}, and a lookup never picks one: ${listed}. Rename all but one in ZPA, or use the id you mean directly.`;
        }
        case "invalid":
            return `${p.what}: ${p.reason}`;
    }
}
