/** What a route handler answers: the status, the body and headers, and whether the tenant changed. */
export interface Answer {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    applied?: boolean;
}
