/** The process-wide token cache, without HTTP. */
import { clearTokenCache, renewMargin } from "../../provider/src/client";
import { CachedToken, getToken, invalidateToken, tokenKey } from "../../provider/src/client/token";

beforeEach(() => clearTokenCache());

const KEY = tokenKey("https://t.example/oauth/token", "cid", "secret-xyz");

function issuer() {
    let n = 0;
    const fetchToken = jest.fn(async (): Promise<CachedToken> => ({ value: `tok-${++n}`, renewAt: 1_000 }));
    return fetchToken;
}

test("the renewal margin is 60 s, or a tenth of a short lifetime", () => {
    expect(renewMargin(749_000)).toBe(60_000);
    expect(renewMargin(600_000)).toBe(60_000);
    expect(renewMargin(300_000)).toBe(30_000);
    expect(renewMargin(10_000)).toBe(1_000);
});

test("the cache key never holds the secret, and two secrets never share a token", () => {
    expect(KEY).not.toContain("secret-xyz");
    expect(tokenKey("https://t.example/oauth/token", "cid", "other")).not.toBe(KEY);
    expect(tokenKey("https://u.example/oauth/token", "cid", "secret-xyz")).not.toBe(KEY);
});

test("concurrent callers share one fetch; the token is reused until its renewal time", async () => {
    const fetchToken = issuer();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getToken(KEY, 0, fetchToken)));
    expect(new Set(tokens.map((t) => t.value))).toEqual(new Set(["tok-1"]));
    expect(fetchToken).toHaveBeenCalledTimes(1);
    expect((await getToken(KEY, 999, fetchToken)).value).toBe("tok-1");
    expect((await getToken(KEY, 1_000, fetchToken)).value).toBe("tok-2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
});

test("a failed fetch is not cached: the next caller tries again", async () => {
    const fetchToken = jest.fn<Promise<CachedToken>, []>().mockRejectedValueOnce(new Error("down")).mockResolvedValue({ value: "tok-ok", renewAt: 10 });
    await expect(getToken(KEY, 0, fetchToken)).rejects.toThrow("down");
    expect((await getToken(KEY, 0, fetchToken)).value).toBe("tok-ok");
});

test("a 401 drops the token only if it is still the cached one", async () => {
    const fetchToken = issuer();
    await getToken(KEY, 0, fetchToken); // tok-1
    invalidateToken(KEY, "tok-1");
    expect((await getToken(KEY, 0, fetchToken)).value).toBe("tok-2");
    invalidateToken(KEY, "tok-1"); // a late 401 for the old token
    expect((await getToken(KEY, 0, fetchToken)).value).toBe("tok-2");
    expect(fetchToken).toHaveBeenCalledTimes(2);
});
