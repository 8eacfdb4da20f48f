/**
 * The lookups' own error, an IscError (../errors). Like the client's errors it has a literal `name` and a type guard
 * (two copies of the package may be loaded, so `instanceof` alone cannot be trusted). Messages hold what was
 * searched, where, and names and ids read from ISC; never a token, a secret or an Authorization header.
 */
import { guardOf, IscError } from "../errors";

/** One object that matched, as an error lists it. */
export interface Candidate {
    id: string;
    name: string;
    /** The compared field's value when it is not the name (an identity's alias, an entitlement's value). */
    matched?: string;
}

export type LookupProblem =
    | {
          kind: "not-found";
          /** e.g. `source named "Workday"` */
          what: string;
          /** e.g. `https://acme.api.identitynow.com/v3/sources` */
          where: string;
          /** How it was searched (filters sent, how many objects were compared). */
          searched: string;
          /** Up to five values of the compared field from what was listed, closest first. */
          closest: string[];
          /** What `closest` holds: "names", "aliases", "values", ... */
          closestOf: string;
          /** Set when the list was cut at the scan limit: objects compared and the total ISC announced. */
          scanned?: { compared: number; total?: number };
          /** Advice when the list was empty (e.g. "is it a source id?"). */
          hint?: string;
      }
    | {
          kind: "ambiguous";
          what: string;
          where: string;
          /** "exact": several objects carry exactly the wanted text; "case-insensitive": none does, several do ignoring case. */
          how: "exact" | "case-insensitive";
          candidates: Candidate[];
      }
    | { kind: "invalid"; what: string; reason: string };

/** A lookup found nothing, found several (never a silent pick), or was asked something it cannot look up. */
export class IscLookupError extends IscError {
    override readonly name = "IscLookupError" as const;
    constructor(
        /** e.g. "getSource" */
        readonly lookup: string,
        readonly problems: LookupProblem[],
    ) {
        super(messageFor(lookup, problems));
    }
}

export const isIscLookupError = guardOf<IscLookupError>("IscLookupError");

function list(names: string[]): string {
    return names.map((n) => JSON.stringify(n)).join(", ");
}

function candidate(c: Candidate): string {
    const matched = c.matched !== undefined && c.matched !== c.name ? `${JSON.stringify(c.matched)}, ` : "";
    return `${matched}name ${JSON.stringify(c.name)} (id ${c.id})`;
}

export function describeProblem(p: LookupProblem): string {
    switch (p.kind) {
        case "not-found": {
            const cut = p.scanned
                ? ` Only the first ${p.scanned.compared}${p.scanned.total !== undefined ? ` of ${p.scanned.total}` : ""} objects were compared (missScanLimit); a match beyond them was not looked for.`
                : "";
            const closest = p.closest.length ? ` Closest ${p.closestOf}: ${list(p.closest)}.` : ` Nothing was listed there${p.hint ? `: ${p.hint}` : ""}.`;
            return `no ${p.what} in ${p.where}, exactly or ignoring case (${p.searched}).${closest}${cut}`;
        }
        case "ambiguous": {
            const how = p.how === "exact" ? "exactly" : "ignoring case (none exactly)";
            return (
                `${p.candidates.length} objects match ${p.what} ${how} in ${p.where}, and a lookup never picks one: ` +
                `${p.candidates.map(candidate).join("; ")}. Rename all but one in ISC, or use the id you mean directly.`
            );
        }
        case "invalid":
            return `${p.what}: ${p.reason}`;
    }
}

function messageFor(lookup: string, problems: LookupProblem[]): string {
    if (problems.length === 1) return `${lookup}: ${describeProblem(problems[0])}`;
    return `${lookup}: ${problems.length} problems:\n${problems.map((p, i) => `  ${i + 1}. ${describeProblem(p)}`).join("\n")}`;
}
