/** ISC's list paging: `limit` (default and maximum 250), `offset`, and `count=true` for `X-Total-Count`. */
import { CODES, HttpError, show } from "./errors";

export const MAX_LIMIT = 250;

export interface Page<T> {
    body: T[];
    headers: Record<string, string>;
}

export function page<T>(all: readonly T[], q: URLSearchParams): Page<T> {
    const limitText = q.get("limit");
    const offsetText = q.get("offset");
    const limit = limitText === null ? MAX_LIMIT : Number(limitText);
    const offset = offsetText === null ? 0 : Number(offsetText);
    if (!Number.isInteger(limit) || limit < 0)
        throw new HttpError(400, CODES.badContent, [`Illegal value ${show(limitText)} for "limit": a whole number from 0 to ${MAX_LIMIT}.`]);
    if (limit > MAX_LIMIT) throw new HttpError(400, CODES.limit, [`"limit" is ${limit}; the maximum is ${MAX_LIMIT}.`]);
    if (!Number.isInteger(offset) || offset < 0)
        throw new HttpError(400, CODES.badContent, [`Illegal value ${show(offsetText)} for "offset": a whole number, 0 or more.`]);
    const headers: Record<string, string> = q.get("count") === "true" ? { "X-Total-Count": String(all.length) } : {};
    return { body: all.slice(offset, offset + limit), headers };
}
