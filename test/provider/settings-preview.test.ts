/**
 * Settings are validated in preview, not only at `up` (issue 14 §5). `pulumi preview` runs configure, check and diff,
 * and none of them calls ISC: a setting given a value that is not allowed must fail there (configure, and check after
 * it), naming the setting and what is allowed, as `up` would. A setting left out fails only the step that needs it.
 */
import { Config } from "@pulumi/pulumi/cmd/dynamic-provider/config";
import { isIscConfigError } from "../../provider/src/client";
import { IscDynamicProvider } from "../../provider/src/provider/dynamic-provider";
import { settingsProblem } from "../../provider/src/provider/settings";
import { failure } from "../client/fake-server";

const BASE = "https://acme.api.identitynow.com";
const VERSIONS = '"v3", "beta", "v2024", "v2025", "v2026"';

/** [setting, value, the message] */
const BAD: Array<[string, string, string]> = [
    ["isc:segmentsApiVersion", "v9", `isc:segmentsApiVersion is "v9": use one of ${VERSIONS}.`],
    ["isc:accessProfilesApiVersion", "V3", `isc:accessProfilesApiVersion is "V3": use one of ${VERSIONS}.`],
    ["isc:propagationTimeoutSeconds", "abc", 'isc:propagationTimeoutSeconds is "abc": use a number of seconds, 0 or more.'],
    ["isc:propagationTimeoutSeconds", "-1", 'isc:propagationTimeoutSeconds is "-1": use a number of seconds, 0 or more.'],
    ["isc:maxRequestsPer10Seconds", "0", 'isc:maxRequestsPer10Seconds is "0": use a whole number of requests, 1 or more (ISC documents 100).'],
    ["isc:maxRequestsPer10Seconds", "2.5", 'isc:maxRequestsPer10Seconds is "2.5": use a whole number of requests, 1 or more (ISC documents 100).'],
    ["isc:useTestOperations", "yes", 'isc:useTestOperations (or SAIL_USE_TEST_OPERATIONS) is "yes": use true or false.'],
    ["isc:adoptOnCreate", "1", 'isc:adoptOnCreate (or SAIL_ADOPT_ON_CREATE) is "1": use true or false.'],
    [
        "isc:baseUrl",
        `${BASE}/v3`,
        `isc:baseUrl must be the tenant's API root without a version path; got ${BASE}/v3; use ${BASE} (the API version comes from the resource or its version setting)`,
    ],
    ["isc:baseUrl", "acme.api.identitynow.com", "isc:baseUrl"],
    ["isc:baseUrl", "http://acme.api.identitynow.com", "isc:baseUrl"],
];

const configOf = (values: Record<string, string>) => new Config({ "isc:clientId": "my-id", "isc:clientSecret": "never-shown-secret", ...values }, "isc-demo");

describe.each(BAD)("%s = %s", (key, value, message) => {
    test("fails configure, and check after it, naming the setting and what is allowed", async () => {
        const provider = new IscDynamicProvider("segment");
        const e = await failure(provider.configure({ config: configOf({ "isc:baseUrl": BASE, [key]: value }) }));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toContain(message);
        expect(e.message).not.toContain("never-shown-secret");
        const later = await failure(provider.check({}, { name: "London" }));
        expect(later.message).toBe(e.message);
    });
});

test("a bad value in the environment fails configure too", () => {
    const e = settingsProblem({}, { SAIL_SEGMENTS_API_VERSION: "v9", SAIL_BASE_URL: `${BASE}/beta` });
    expect(e?.message).toMatch(/^SAIL_BASE_URL must be the tenant's API root/);
    expect(settingsProblem({}, { SAIL_PROPAGATION_TIMEOUT_SECONDS: "soon" })?.message).toBe(
        'isc:propagationTimeoutSeconds is "soon": use a number of seconds, 0 or more.',
    );
});

test("good values, and settings left out (no URL, no credentials), pass configure and check", async () => {
    for (const values of [
        {},
        { "isc:baseUrl": `${BASE}/`, "isc:segmentsApiVersion": "beta", "isc:propagationTimeoutSeconds": "0", "isc:maxRequestsPer10Seconds": "40" },
        { "isc:useTestOperations": " FALSE ", "isc:adoptOnCreate": "true" },
    ]) {
        const provider = new IscDynamicProvider("segment");
        await provider.configure({ config: new Config(values, "isc-demo") });
        expect((await provider.check({}, { name: "London" })).failures).toBeUndefined();
    }
    expect(settingsProblem({}, {})).toBeUndefined();
});
