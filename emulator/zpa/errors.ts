/**
 * ZPA's error answers: a JSON body `{"id": "...", "reason": "...", "params": [...]}` (`params` names the fields at
 * fault, when there are any). The fault bodies Zscaler's SDKs match on (`SESSION_NOT_VALID`,
 * `EDIT_LOCK_NOT_AVAILABLE`) carry the same text in `code` too, as other Zscaler APIs write it.
 */
export interface ZpaErrorBody {
    id: string;
    reason: string;
    params?: string[];
    code?: string;
}

export function zpaBody(id: string, reason: string, params?: string[]): ZpaErrorBody {
    return params && params.length ? { id, reason, params } : { id, reason };
}

/** A refusal: thrown by a handler, answered as `status` with a ZPA error body. */
export class ZpaError extends Error {
    constructor(
        readonly status: number,
        readonly id: string,
        readonly reason: string,
        readonly params?: string[],
    ) {
        super(`${status} ${id}: ${reason}`);
    }

    body(): ZpaErrorBody {
        return zpaBody(this.id, this.reason, this.params);
    }
}

/** A 400 naming the fields at fault (ZPA's `invalid.resource.argument`). */
export function invalid(reason: string, ...params: string[]): ZpaError {
    return new ZpaError(400, "invalid.resource.argument", reason, params);
}

export function notFound(what: string, id: string): ZpaError {
    return new ZpaError(404, "resource.not.found", `${what} ${JSON.stringify(id)} was not found.`);
}

/** A value for an error text: JSON, cut short. */
export function shown(v: unknown): string {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
