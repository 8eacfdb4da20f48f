/** The plain types of a SegmentGroup's checked inputs and state outputs (see schema.ts for each field's meaning). */

/** What check returns: the declared fields, defaults applied, `applications` sorted. */
export type SegmentGroupInputs = {
    name: string;
    description?: string | null;
    enabled: boolean;
    /** Absent: not managed. */
    applications?: string[];
    microtenantId?: string;
    adoptId?: string;
};

/** What the state holds: the server's object (application segments as their ids), and `adoptId` carried over. */
export interface SegmentGroupOutputs {
    name: string;
    description?: string | null;
    enabled?: boolean;
    applications?: string[];
    microtenantId?: string;
    configSpace?: string;
    creationTime?: string;
    modifiedTime?: string;
    modifiedBy?: string;
    adoptId?: string;
    /** Fields this package does not model are kept as the server gives them. */
    [field: string]: unknown;
}
