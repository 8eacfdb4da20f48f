/**
 * Words for a populated tenant's names, and the awkward names it always includes (first, so that any count from
 * their number up holds all of them): double quotes, backslashes, `+`, non-ASCII letters (é, ß, 日本), leading and
 * trailing spaces, and pairs that differ only in case. SailPoint's specs set no length or character rule on these
 * names, so the emulator stores them as given.
 */

export const FIRST_NAMES = [
    "Anna",
    "José",
    "Zoë",
    "Björn",
    "Łukasz",
    "Renée",
    "François",
    "Søren",
    "Chloé",
    "Jürgen",
    "Ana",
    "Inês",
    "Noah",
    "Mia",
    "Liam",
    "Olga",
    "Mateus",
    "Aiko",
    "Yuki",
    "Kenji",
    "Fatima",
    "Omar",
    "Sven",
    "Ingrid",
    "Pedro",
    "Lucía",
    "Marco",
    "Giulia",
    "Hannah",
    "Emma",
    "Chiara",
    "Ólafur",
    "Dmitri",
    "Priya",
    "Arjun",
    "Mei",
    "Wei",
    "Camille",
    "Henrik",
    "Elif",
] as const;
export const LAST_NAMES = [
    "Müller",
    "García",
    "Schmidt",
    "Ångström",
    "Nowak",
    "O'Brien",
    "Dubois",
    "Rossi",
    "Silva",
    "Jensen",
    "Þórsson",
    "Yamada",
    "Tanaka",
    "Kowalski",
    "Fernández",
    "Novák",
    "Lefèvre",
    "Weiß",
    "Smith",
    "Johnson",
    "Nguyen",
    "Kim",
    "Haddad",
    "Öztürk",
    "Costa",
    "Martín",
    "Sørensen",
    "Dvořák",
    "Çelik",
    "Brown",
] as const;
export const DEPARTMENTS = [
    "Finance",
    "Payroll",
    "Human Resources",
    "Engineering",
    "Sales",
    "Marketing",
    "Legal",
    "Procurement",
    "IT Operations",
    "Security",
    "Customer Support",
    "Research & Development",
    "Facilities",
    "Treasury",
    "Compliance",
    "Audit",
] as const;
export const LOCATIONS = [
    "Berlin",
    "München",
    "Zürich",
    "Paris",
    "Lyon",
    "São Paulo",
    "Montréal",
    "Tokyo",
    "Osaka",
    "New York",
    "Austin",
    "London",
    "Dublin",
    "Kraków",
    "Malmö",
    "Reykjavík",
] as const;
export const APPS = [
    "SAP ERP",
    "ServiceNow",
    "Jira",
    "Confluence",
    "GitHub",
    "AWS",
    "Okta",
    "Oracle EBS",
    "Coupa",
    "Concur",
    "Zendesk",
    "Slack",
    "Tableau",
    "Snowflake",
    "NetSuite",
    "Workday",
    "Salesforce",
    "Active Directory",
] as const;
export const LEVELS = ["Read", "Write", "Admin", "Approver", "Viewer", "Editor", "Owner", "Auditor", "Power Users", "Users"] as const;
export const REGIONS = ["EMEA", "AMER", "APAC", "DACH", "Nordics", "LATAM"] as const;
export const ENVIRONMENTS = ["Prod", "Test", "Dev", "UAT"] as const;
export const AUDIENCES = ["Employees", "Contractors", "Managers", "Interns", "Partners"] as const;

export interface AwkwardPerson {
    name: string;
    alias: string;
    firstname: string;
    lastname: string;
    email: string;
}

export const AWKWARD_IDENTITIES: readonly AwkwardPerson[] = [
    { name: "Anna Schmidt", alias: "anna.schmidt", firstname: "Anna", lastname: "Schmidt", email: "anna.schmidt@acme.com" },
    { name: "anna schmidt", alias: "anna.schmidt2", firstname: "anna", lastname: "schmidt", email: "anna.schmidt2@acme.com" },
    { name: "José Müller", alias: "jose.muller", firstname: "José", lastname: "Müller", email: "jose.muller@acme.com" },
    { name: "Jürgen Weiß", alias: "juergen.weiss", firstname: "Jürgen", lastname: "Weiß", email: "juergen.weiss@acme.com" },
    { name: "山田 太郎", alias: "taro.yamada", firstname: "太郎", lastname: "山田", email: "taro.yamada@acme.com" },
    { name: 'Robert "Bobby" Tables', alias: "robert.tables", firstname: "Robert", lastname: "Tables", email: "robert.tables@acme.com" },
    { name: "ACME\\svc-backup", alias: "svc-backup", firstname: "svc", lastname: "backup", email: "svc-backup@acme.com" },
    { name: "QA Tester+1", alias: "qa.tester1", firstname: "QA", lastname: "Tester+1", email: "qa.tester+1@acme.com" },
    { name: " Padded Name ", alias: "padded.name", firstname: "Padded", lastname: "Name", email: "padded.name@acme.com" },
    { name: "Zoë Ångström", alias: "zoe.angstrom", firstname: "Zoë", lastname: "Ångström", email: "zoe.angstrom@acme.com" },
    { name: "Renée O'Brien", alias: "renee.obrien", firstname: "Renée", lastname: "O'Brien", email: "renee.obrien@acme.com" },
];

/** Source names: unique (ISC refuses a second source of the same name), so no case pairs. */
export const AWKWARD_SOURCES: readonly string[] = [
    'SAP "Prod"',
    "ACME\\Legacy HR",
    "Oracle EBS + Payroll",
    "Zürich Büro LDAP",
    "日本 Salesforce",
    " Trailing Source ",
];

/** Entitlement names; on directory sources their values are DNs escaped as RFC 4514 says (`CN=C\+\+ Developers,...`). */
export const AWKWARD_ENTITLEMENTS: readonly string[] = [
    "Payroll Admins",
    "payroll admins",
    'Finance "Core" Users',
    "ACME\\Domain Users",
    "C++ Developers",
    "Straße Verwaltung",
    "日本 営業",
    "Smith, John (Admin)",
    " Padded Group ",
    "Café Crème Readers",
];

export const AWKWARD_GROUPS: readonly string[] = [
    "Payroll Approvers",
    "payroll approvers",
    '"Tier 1" Support',
    "R&D\\Reviewers",
    "Audit + Compliance",
    "Contrôle Interne",
    "日本 承認者",
    " Padded Reviewers ",
];

/** Segment names are not unique in ISC: "Contractors" appears twice on purpose. */
export const AWKWARD_SEGMENTS: readonly string[] = [
    "Payroll Admins",
    "payroll admins",
    'EMEA "Core" Staff',
    "Ops\\Night Shift",
    "R&D + QA",
    "Zürich Büro",
    "東京 Office",
    " Leading Space",
    "Trailing Space ",
    "Contractors",
    "Contractors",
];

export const AWKWARD_ACCESS_PROFILES: readonly string[] = [
    "Payroll Admins",
    "payroll admins",
    'Finance "Core" Access',
    "ACME\\Domain Users Access",
    "C++ Developers",
    "Straße Verwaltung",
    "日本 営業 Access",
    " Padded Profile ",
    "Café Crème",
    "Smith, John (Admin)",
    "50% + Bonus \\ Approvals",
];

/** An ASCII login name from a display name: "Łukasz Żółć" -> "lukasz.zolc". */
export function asciiAlias(first: string, last: string): string {
    const fold = (s: string) =>
        s
            .replace(/ß/g, "ss")
            .replace(/[Łł]/g, "l")
            .replace(/[Øø]/g, "o")
            .replace(/[Þþ]/g, "th")
            .replace(/[Ðð]/g, "d")
            .replace(/[Ææ]/g, "ae")
            .normalize("NFKD")
            .replace(/[\u0300-\u036f]/g, "")
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, "");
    return `${fold(first)}.${fold(last)}`;
}
