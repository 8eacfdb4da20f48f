/**
 * ZPA segment groups: one that lists its application segments (by name, looked up in the ZPA customer the stack
 * points at, so one program serves several customers whose ids differ), one that leaves them to the application
 * segments themselves, and one kept empty.
 *
 * Configure the stack with `zpa:customerId` and the credentials of either auth mode (see the package README):
 * legacy ZPA API keys (`zpa:clientId`, `zpa:clientSecret --secret`, `zpa:cloud`) or OneAPI (the same two plus
 * `zpa:vanityDomain`). The application segments' names are those of the ZPA emulator's seeded customer.
 */
import * as zpa from "pulumi-sailpoint-isc/zpa";

// Declared: `pulumi up` puts exactly these application segments in the group (and takes any other out), and a
// `pulumi preview --refresh` shows one added or removed in the admin portal as drift.
const engineering = new zpa.SegmentGroup("engineering", {
    name: "Engineering Tools",
    description: "Build and source control, for engineers",
    enabled: true,
    applications: ["Build Server", "Git Server"].map((name) => zpa.getApplicationSegmentOutput({ name }).id),
});

// Not declared: application segments join or leave this group from their own side (the admin portal, another
// program); Pulumi manages its name, description and state only, and its outputs show the ids ZPA holds.
const business = new zpa.SegmentGroup("business", {
    name: "Business Apps",
    description: "CRM, HR and payroll; application segments are assigned in the ZPA admin portal",
    enabled: true,
});

// Declared empty: the group exists for policy rules to name, and holds no application segment until one is listed here.
const quarantine = new zpa.SegmentGroup("quarantine", {
    name: "Quarantine",
    description: "Deliberately empty",
    applications: [],
});

export const engineeringGroupId = engineering.id;
export const businessApplications = business.applications;
export const quarantineEnabled = quarantine.enabled;
