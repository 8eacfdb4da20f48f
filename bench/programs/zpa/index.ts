/**
 * The ZPA benchmark program (bench/zpa.ts): `count` segment groups, in three kinds by index i:
 *   i % 3 == 0  declare `applications`: one application segment each, from the `declaredApps` config (ids)
 *   i % 3 == 1  do not declare `applications`; the benchmark attaches one from the application segment's side
 *   i % 3 == 2  do not declare `applications`, and none is attached
 * `revision: 2` changes one field of every group (its description). No lookups: the ids come from the config.
 */
import * as pulumi from "@pulumi/pulumi";
import * as zpa from "pulumi-sailpoint-isc/zpa";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const revision = config.getNumber("revision") ?? 1;
const declaredApps = config.requireObject<string[]>("declaredApps");

for (let i = 0; i < count; i++) {
    new zpa.SegmentGroup(`group-${i}`, {
        name: `Bench group ${i}`,
        description: `Bench group ${i}, revision ${revision}`,
        enabled: i % 2 === 0,
        ...(i % 3 === 0 ? { applications: [declaredApps[i / 3]] } : {}),
    });
}
