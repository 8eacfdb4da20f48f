/**
 * The ZPA PUT planner (pure): the body is the server object as read, every field kept (known or not, attached
 * application segments as [{id}]), with exactly the changed declared fields replaced; no PUT when nothing declared
 * differs; `applications` absent from the inputs is not managed.
 */
import { check } from "../../../provider/src/engine";
import { planPut, serverView } from "../../../provider/src/zpa/provider";
import { segmentGroupDescription as desc } from "../../../provider/src/zpa/resources";

/** A segment group as a GET shows it: applications whole, fields this package does not model. */
const server = () => ({
    id: "72058304855015574",
    name: "Finance Apps",
    description: "Apps the finance team uses",
    enabled: true,
    configSpace: "DEFAULT",
    creationTime: "1700000000",
    modifiedTime: "1700000500",
    modifiedBy: "72058304855015000",
    policyMigrated: true,
    tcpKeepAliveEnabled: "0",
    someFutureField: { nested: [1, 2] },
    applications: [
        { id: "72058304855015601", name: "CRM Portal", domainNames: ["crm.corp.example"], segmentGroupId: "72058304855015574" },
        { id: "72058304855015600", name: "Ledger", domainNames: ["ledger.corp.example"], segmentGroupId: "72058304855015574" },
    ],
});

const inputs = (program: Record<string, unknown>) => {
    const { inputs, failures } = check(desc.schema, program);
    expect(failures).toEqual([]);
    return inputs;
};

test("no declared field differs: no PUT (applications not declared, the server's two attached ones left alone)", () => {
    expect(planPut(desc, server(), inputs({ name: "Finance Apps", description: "Apps the finance team uses", enabled: true }))).toBeUndefined();
    // Declared in another order: a set.
    expect(
        planPut(
            desc,
            server(),
            inputs({
                name: "Finance Apps",
                description: "Apps the finance team uses",
                enabled: true,
                applications: ["72058304855015601", "72058304855015600"],
            }),
        ),
    ).toBeUndefined();
});

test("a changed description and enabled: the server object with exactly those two replaced, unknown fields and applications kept", () => {
    const plan = planPut(desc, server(), inputs({ name: "Finance Apps", description: "Finance", enabled: false }));
    expect(plan?.changedFields).toEqual(["description", "enabled"]);
    const { applications: _apps, ...rest } = server();
    expect(plan?.body).toEqual({
        ...rest,
        description: "Finance",
        enabled: false,
        applications: [{ id: "72058304855015601" }, { id: "72058304855015600" }],
    });
});

test("declared applications: written as [{id}], sorted; [] declared empties the group", () => {
    const added = planPut(
        desc,
        server(),
        inputs({ name: "Finance Apps", description: "Apps the finance team uses", enabled: true, applications: ["72058304855015699", "72058304855015600"] }),
    );
    expect(added?.changedFields).toEqual(["applications"]);
    expect(added?.body.applications).toEqual([{ id: "72058304855015600" }, { id: "72058304855015699" }]);
    expect(added?.body.someFutureField).toEqual({ nested: [1, 2] });
    const emptied = planPut(desc, server(), inputs({ name: "Finance Apps", description: "Apps the finance team uses", enabled: true, applications: [] }));
    expect(emptied?.changedFields).toEqual(["applications"]);
    expect(emptied?.body.applications).toEqual([]);
});

test("a description removed from the program is written as empty; a server without applications gets none added", () => {
    const { applications: _apps, ...bare } = server();
    const plan = planPut(desc, bare, inputs({ name: "Finance Apps", enabled: true }));
    expect(plan?.changedFields).toEqual(["description"]);
    expect(plan?.body.description).toBe("");
    expect(plan?.body).not.toHaveProperty("applications");
});

test("the planner does not touch what it was given", () => {
    const s = server();
    const before = JSON.stringify(s);
    const plan = planPut(desc, s, inputs({ name: "Renamed", enabled: true }));
    expect(plan?.changedFields).toEqual(["name", "description"]);
    expect(JSON.stringify(s)).toBe(before);
    expect(serverView(desc, s).applications).toEqual(["72058304855015601", "72058304855015600"]);
});

test("a changed microtenantId is never written: it replaces the group (diff), the PUT leaves it as the server holds it", () => {
    const s = { ...server(), microtenantId: "111" };
    expect(planPut(desc, s, inputs({ name: "Finance Apps", description: "Apps the finance team uses", enabled: true, microtenantId: "222" }))).toBeUndefined();
});
