/**
 * A server (or a proxy before it) that echoes the request cannot put the client secret or the token into an error:
 * whatever the answer says reaches IscAuthError, IscApiError and IscOutcomeUnknownError with every occurrence of each
 * (as sent, URL-encoded or form-encoded) replaced by "[redacted]", in the message and in the error's fields alike.
 */
import { clearTokenCache, IscClient, type IscClientOptions } from "../../provider/src/client";
import { FakeClock, fakeServer, failure, type FakeServer, type Handler } from "./fake-server";

/** Characters that form-encoding and URL-encoding each write differently, so all three forms are exercised. */
const SECRET = "s3cr3t/value+with=odd&chars never-shown";
const TOKEN = "eyJ.token-never-shown.sig";
const SECRET_FORMS = [SECRET, encodeURIComponent(SECRET), new URLSearchParams({ s: SECRET }).toString().slice(2)];

let server: FakeServer | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await server?.close();
    server = undefined;
});

/** A token endpoint answer that issues TOKEN. */
const issue: Handler = (_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ access_token: TOKEN, token_type: "bearer", expires_in: 749 }));
};

/** An error answer that repeats `echo` in every field the client reads from an error body. */
function echoing(status: number, echo: (req: Parameters<Handler>[0], body: string) => string, as: "json" | "text" = "json"): Handler {
    return (req, res, body) => {
        const text = `refused: ${echo(req, body)}`;
        if (as === "text") {
            res.writeHead(status, { "Content-Type": "text/plain" });
            res.end(text);
            return;
        }
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(
            JSON.stringify({
                detailCode: text,
                trackingId: text,
                messages: [{ locale: "en-US", localeOrigin: "DEFAULT", text }],
                error: text,
                error_description: text,
                echo: { nested: [text] },
            }),
        );
    };
}
const theForm = (_req: unknown, body: string) => body;
const theHeaders = (req: Parameters<Handler>[0]) => `Authorization: ${req.headers.authorization}`;

/** Every text an error exposes, down its cause chain: String(), message, stack, JSON, and the fields JSON leaves out. */
function exposed(e: unknown): string {
    const out: string[] = [];
    for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
        const fields = c as { body?: unknown; messages?: unknown; reason?: unknown };
        out.push(String(c), c.message, c.stack ?? "", JSON.stringify(c), JSON.stringify([fields.body, fields.messages, fields.reason]));
    }
    return out.join("\n");
}

function client(options: IscClientOptions): IscClient {
    const clock = new FakeClock();
    return new IscClient({ baseUrl: server!.url, now: clock.now, sleep: clock.sleep, random: () => 0.5, rateLimit: null, maxAttempts: 2, ...options });
}
const credentials = { clientId: "cid", clientSecret: SECRET };

type Case = [string, Handler[], Handler[], IscClientOptions, "GET" | "POST", string];
const cases: Case[] = [
    ["the token endpoint refuses (400) and echoes the form", [], [echoing(400, theForm)], credentials, "GET", "IscAuthError"],
    ["the token endpoint refuses (401) and echoes the form as text", [], [echoing(401, theForm, "text")], credentials, "GET", "IscAuthError"],
    ["the token endpoint fails (500) and echoes the form", [], [echoing(500, theForm)], credentials, "GET", "IscApiError"],
    ["the token endpoint throttles (429) and echoes the form", [], [echoing(429, theForm)], credentials, "GET", "IscApiError"],
    ["an API call's 401 echoes the Authorization header (client credentials)", [echoing(401, theHeaders)], [issue], credentials, "GET", "IscAuthError"],
    ["an API call's 401 echoes the Authorization header (access token)", [echoing(401, theHeaders)], [], { accessToken: TOKEN }, "GET", "IscAuthError"],
    ["an API call's 400 echoes the Authorization header", [echoing(400, theHeaders)], [issue], credentials, "POST", "IscApiError"],
    ["an API call's 400 echoes the Authorization header as text", [echoing(400, theHeaders, "text")], [issue], credentials, "GET", "IscApiError"],
    ["a GET's 500 echoes the Authorization header", [echoing(500, theHeaders)], [issue], credentials, "GET", "IscApiError"],
    ["a POST's 500 echoes the Authorization header", [echoing(500, theHeaders)], [issue], credentials, "POST", "IscOutcomeUnknownError"],
    ["an API call's 400 names the client secret", [echoing(400, () => `client_secret=${SECRET}`)], [issue], credentials, "GET", "IscApiError"],
];

test.each(cases)("%s: neither the secret nor the token is in the error", async (_name, api, token, options, method, name) => {
    server = await fakeServer(api, token);
    const e = await failure(client(options).request(method, "/v3/things", method === "POST" ? { body: { name: "x" } } : {}));
    expect(e.name).toBe(name);
    // The server did echo a credential: it comes out redacted, so the checks below cannot pass for want of one.
    const echoed = server.seen[server.seen.length - 1];
    expect(echoed.url.startsWith("/oauth/token") ? echoed.body : echoed.headers.authorization).toContain(
        echoed.url.startsWith("/oauth/token") ? SECRET_FORMS[2] : TOKEN,
    );
    const text = exposed(e);
    expect(text).toContain("[redacted]");
    for (const secret of [...SECRET_FORMS, TOKEN]) expect(text).not.toContain(secret);
});

test("the redacted error keeps what the server said around the credential", async () => {
    server = await fakeServer([echoing(400, theHeaders)], [issue]);
    const e = (await failure(client(credentials).request("GET", "/v3/things"))) as Error & { messages: string[]; body: { echo: unknown } };
    expect(e.messages).toEqual(["refused: Authorization: Bearer [redacted]"]);
    expect(e.body.echo).toEqual({ nested: ["refused: Authorization: Bearer [redacted]"] });
    expect(e.message).toContain("refused: Authorization: Bearer [redacted]");
});

test("an answer that succeeds is returned as sent, even when it names the token", async () => {
    server = await fakeServer(
        [
            (req, res) => {
                res.writeHead(200, { "Content-Type": "application/json" });
                res.end(JSON.stringify({ seen: req.headers.authorization }));
            },
        ],
        [issue],
    );
    const res = await client(credentials).request<{ seen: string }>("GET", "/v3/things");
    expect(res.body.seen).toBe(`Bearer ${TOKEN}`);
});
