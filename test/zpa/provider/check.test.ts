/** A SegmentGroup's check and diff through the ZPA dynamic provider: failures name the field, the bad value and what is allowed. */
import { ZpaDynamicProvider } from "../../../provider/src/zpa/provider";
import { outputsOf } from "../../../provider/src/zpa/provider/state";
import { segmentGroupDescription, type SegmentGroupOutputs } from "../../../provider/src/zpa/resources";

const provider = new ZpaDynamicProvider("segmentGroup");
const failuresOf = async (news: Record<string, unknown>) => (await provider.check({}, news)).failures ?? [];

test("a valid group: defaults applied, applications sorted, nothing refused", async () => {
    const result = await provider.check({}, { name: "Finance Apps_2.0-east", applications: ["72058304855015601", "72058304855015600"] });
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toEqual({ name: "Finance Apps_2.0-east", enabled: false, applications: ["72058304855015600", "72058304855015601"] });
});

test("a name with characters the ZPA portal refuses: the characters, and which are allowed", async () => {
    expect(await failuresOf({ name: "Finance/Apps #1" })).toEqual([
        { property: "name", reason: 'name of a SegmentGroup holds "/", "#": a ZPA segment group name may hold letters, digits, ".", "-", "_" and spaces' },
    ]);
});

test("a blank or missing name, a non-boolean enabled, an application id that is not a ZPA id, an unknown property", async () => {
    expect(await failuresOf({ name: "  " })).toEqual([{ property: "name", reason: "name is a blank string of 2 characters: use a non-empty string" }]);
    expect(await failuresOf({})).toEqual([{ property: "name", reason: "name is required" }]);
    expect(await failuresOf({ name: "a", enabled: "yes" })).toEqual([
        { property: "enabled", reason: expect.stringMatching(/^enabled must be true or false, got a string/) },
    ]);
    expect(await failuresOf({ name: "a", applications: ["123", "crm"] })).toEqual([
        {
            property: "applications[1]",
            reason: "applications[1] of a SegmentGroup is not a ZPA id: use an application segment's numeric id, e.g. getApplicationSegment(...).id",
        },
    ]);
    expect(await failuresOf({ name: "a", applications: ["123", "123"] })).toEqual([
        { property: "applications[1]", reason: "applications[1] is the same as applications[0]: list each element once" },
    ]);
    expect(await failuresOf({ name: "a", enable: true })).toEqual([{ property: "enable", reason: expect.stringContaining('"enabled"') }]);
    expect(await failuresOf({ name: "a", creationTime: "1" })).toEqual([
        { property: "creationTime", reason: expect.stringContaining("cannot be given as an input") },
    ]);
});

describe("diff", () => {
    const server = {
        id: "7",
        name: "g",
        enabled: true,
        microtenantId: "111",
        creationTime: "1700000000",
        applications: [{ id: "9", name: "CRM" }],
    };
    // The state's outputs of a server object: its generated shape (outputsOf works on property bags).
    const olds = outputsOf(segmentGroupDescription, server, {}) as SegmentGroupOutputs;

    test("applications and microtenantId not declared: not managed, no change whatever the server holds", async () => {
        expect(await provider.diff("7", olds, { name: "g", enabled: true })).toEqual({ changes: false, deleteBeforeReplace: false });
    });

    test("declared fields that differ are changes; a changed microtenantId replaces the group, deleting first", async () => {
        expect(await provider.diff("7", olds, { name: "g", enabled: false, applications: [] })).toEqual({ changes: true, deleteBeforeReplace: false });
        expect(await provider.diff("7", olds, { name: "g", enabled: true, microtenantId: "222" })).toEqual({
            changes: true,
            replaces: ["microtenantId"],
            deleteBeforeReplace: true,
        });
    });
});
