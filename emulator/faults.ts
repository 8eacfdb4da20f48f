/** Fault injection: which fault, if any, an API request gets, drawn from the emulator's seeded generator. */
import type { Faults, RequestLogEntry } from "./config";
import type { Random } from "./random";

export interface FaultDraw {
    fault: RequestLogEntry["fault"];
    /** A faulted write applied before the fault: the client sees an error, the tenant changed. */
    applyFirst: boolean;
}

export function drawFault(f: Faults, random: Random, isWrite: boolean): FaultDraw {
    const roll = random();
    let fault: RequestLogEntry["fault"] = null;
    if (roll < f.rateLimitRate) fault = "rate-limit";
    else if (roll < f.rateLimitRate + f.serverErrorRate) fault = "error";
    else if (roll < f.rateLimitRate + f.serverErrorRate + f.dropRate) fault = "drop";
    const applyFirst = fault !== null && fault !== "rate-limit" && isWrite && random() < f.applyBeforeFaultShare;
    return { fault, applyFirst };
}
