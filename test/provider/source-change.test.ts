/**
 * A source change that keeps the previous source's entitlements is refused in check (issue 14 §5), from the previous
 * inputs Pulumi passes to check: an entitlement belongs to one source, and the previous inputs' entitlements were
 * accepted with the previous source, so listing one of them with a new source can only fail at `up`.
 */
import { UNKNOWN } from "../../provider/src/engine";
import { IscDynamicProvider } from "../../provider/src/provider/dynamic-provider";
import { definitionOf } from "../../provider/src/provider/registry";

type Props = Record<string, unknown>;
const id = (n: number) => `2c9180835d2e5168015d32f89${String(n).padStart(7, "0")}`;
const [OLD_SOURCE, NEW_SOURCE] = [id(1), id(2)];
const [E1, E2, E3] = [id(11), id(12), id(13)];
const [N1, N2] = [id(21), id(22)];

const profile = (source: string, entitlements: string[], more: Props = {}): Props => ({
    name: "Payroll Admins",
    owner: { id: id(99) },
    source: { id: source },
    entitlements: entitlements.map((e) => ({ id: e })),
    enabled: true,
    ...more,
});
/** What Pulumi passes as olds: the inputs check returned last time. */
const previous = definitionOf("accessProfile").check({}, profile(OLD_SOURCE, [E1, E2, E3])).inputs;
const check = (news: Props, olds: Props = previous) => definitionOf("accessProfile").check(olds, news);

test("the previous inputs are valid on their own", () => {
    expect(check(profile(OLD_SOURCE, [E1, E2, E3]), {}).failures).toEqual([]);
});

test("a new source with the previous entitlements is refused, naming the entitlements by position and never an id", () => {
    const { failures } = check(profile(NEW_SOURCE, [E3, E1, E2]));
    expect(failures).toHaveLength(1);
    expect(failures[0].property).toBe("entitlements");
    expect(failures[0].reason).toBe(
        "source.id changed, but entitlements[0], entitlements[1], entitlements[2] are entitlements of the previous source (the previous inputs list them with that source): an access profile's entitlements all come from its source, and ISC takes a new source only with entitlements of that source. List the new source's entitlements in the same change, e.g. getEntitlements({ source, values }), or keep the previous source",
    );
    for (const text of [OLD_SOURCE, NEW_SOURCE, E1, E2, E3]) expect(failures[0].reason).not.toContain(text);
});

test("one of the previous entitlements kept among new ones is named alone", () => {
    const { failures } = check(profile(NEW_SOURCE, [N1, E2, N2]));
    expect(failures.map((f) => f.reason.slice(0, 79))).toEqual(["source.id changed, but entitlements[1] is an entitlement of the previous source"]);
});

test.each<[string, Props, Props]>([
    ["a new source with its own entitlements", profile(NEW_SOURCE, [N1, N2]), previous],
    ["a new source and no entitlements", profile(NEW_SOURCE, [], { enabled: false }), previous],
    ["the same source, entitlements changed", profile(OLD_SOURCE, [E1, N1]), previous],
    [
        "the same source in capitals and as a UUID",
        profile(
            `${OLD_SOURCE.slice(0, 8)}-${OLD_SOURCE.slice(8, 12)}-${OLD_SOURCE.slice(12, 16)}-${OLD_SOURCE.slice(16, 20)}-${OLD_SOURCE.slice(20)}`.toUpperCase(),
            [E1, E2, E3],
        ),
        previous,
    ],
    ["a new resource (no previous inputs)", profile(NEW_SOURCE, [E1]), {}],
    ["a source not known yet (preview)", profile(OLD_SOURCE, [E1], { source: UNKNOWN }), previous],
    ["a source id not known yet (preview)", profile(OLD_SOURCE, [E1], { source: { id: UNKNOWN } }), previous],
    ["entitlements not known yet (preview)", profile(NEW_SOURCE, [], { entitlements: UNKNOWN }), previous],
    ["previous inputs without a source (a state of another shape)", profile(NEW_SOURCE, [E1]), { entitlements: [{ id: E1 }] }],
])("%s passes", (_what, news, olds) => {
    expect(check(news, olds).failures).toEqual([]);
});

test("the dynamic provider's check (what Pulumi calls) returns the failure", async () => {
    const provider = new IscDynamicProvider("accessProfile");
    const result = await provider.check(previous, profile(NEW_SOURCE, [E1, E2, E3]));
    expect(result.failures?.map((f) => f.property)).toEqual(["entitlements"]);
});

test("a segment has no such rule: its check ignores the previous inputs", () => {
    const segment = { name: "London", owner: { id: id(99) } };
    expect(definitionOf("segment").check({ ...segment, owner: { id: id(98) } }, segment).failures).toEqual([]);
});
