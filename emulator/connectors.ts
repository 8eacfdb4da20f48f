/** Connector families (Active Directory, LDAP, Workday, ...): how a source of each kind looks and what its entitlements' values look like. */
/** Connector families: how a source of that kind looks and what its entitlements' values look like. */
export interface ConnectorKind {
    type: string;
    connector: string;
    connectorClass: string;
    connectorName: string;
    connectionType: "direct" | "file";
    attribute: string;
    schemaObjectType: string;
    features: string[];
    /** The entitlement's value on the source, from its name. */
    value(name: string): string;
    directory: boolean;
}

/** An LDAP distinguished-name attribute value escaped as RFC 4514 says (`,+"\<>;=` and edge spaces). */
export function dnValue(name: string): string {
    let out = name.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
    if (out.startsWith(" ") || out.startsWith("#")) out = `\\${out}`;
    if (out.endsWith(" ")) out = `${out.slice(0, -1)}\\ `;
    return out;
}

const slug = (name: string, sep = "_") =>
    name
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^A-Za-z0-9]+/g, sep)
        .replace(new RegExp(`^${sep}+|${sep}+$`, "g"), "");

export const CONNECTORS: Record<string, ConnectorKind> = {
    ad: {
        type: "Active Directory - Direct",
        connector: "active-directory",
        connectorClass: "sailpoint.connector.ADLDAPConnector",
        connectorName: "Active Directory",
        connectionType: "direct",
        attribute: "memberOf",
        schemaObjectType: "group",
        features: ["AUTHENTICATE", "DIRECT_PERMISSIONS", "ENABLE", "MANAGER_LOOKUP", "PASSWORD", "PROVISIONING", "SEARCH", "UNLOCK", "GROUPS_HAVE_MEMBERS"],
        value: (name) => `CN=${dnValue(name)},OU=Groups,DC=acme,DC=com`,
        directory: true,
    },
    ldap: {
        type: "LDAP - Direct",
        connector: "ldap",
        connectorClass: "sailpoint.connector.LDAPConnector",
        connectorName: "LDAP",
        connectionType: "direct",
        attribute: "groups",
        schemaObjectType: "group",
        features: ["AUTHENTICATE", "ENABLE", "PROVISIONING", "SEARCH", "PASSWORD"],
        value: (name) => `cn=${dnValue(name)},ou=groups,o=acme`,
        directory: true,
    },
    workday: {
        type: "Workday",
        connector: "workday",
        connectorClass: "sailpoint.connector.WorkdayConnector",
        connectorName: "Workday",
        connectionType: "direct",
        attribute: "securityGroup",
        schemaObjectType: "group",
        features: ["SEARCH", "NO_RANDOM_ACCESS"],
        value: (name) => `WD_SG_${slug(name).toUpperCase()}`,
        directory: false,
    },
    salesforce: {
        type: "Salesforce",
        connector: "salesforce",
        connectorClass: "openconnector.connector.salesforce.SalesforceConnector",
        connectorName: "Salesforce",
        connectionType: "direct",
        attribute: "profile",
        schemaObjectType: "profile",
        features: ["ENABLE", "PROVISIONING", "SEARCH"],
        value: (name) => name,
        directory: false,
    },
    servicenow: {
        type: "ServiceNow",
        connector: "servicenow",
        connectorClass: "sailpoint.connector.ServiceNowConnector",
        connectorName: "ServiceNow",
        connectionType: "direct",
        attribute: "roles",
        schemaObjectType: "role",
        features: ["ENABLE", "PROVISIONING", "SEARCH"],
        value: (name) => `x_acme.${slug(name).toLowerCase()}`,
        directory: false,
    },
    file: {
        type: "DelimitedFile",
        connector: "delimited-file",
        connectorClass: "sailpoint.connector.DelimitedFileConnector",
        connectorName: "Delimited File",
        connectionType: "file",
        attribute: "groups",
        schemaObjectType: "group",
        features: ["NO_RANDOM_ACCESS", "DIRECT_PERMISSIONS"],
        value: (name) => name,
        directory: false,
    },
};
