import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { BulkWriter } from "./bulk";
import type { Sector } from "./constants";
import type * as N from "./names";
import { HISTORY_START, type Profile, type Resolved } from "./options";
import { CumulativeSampler, cstDayOf, cstMs, isoToDay, Rng } from "./random";

export interface RegionJson {
  code: string;
  name: string;
  level: "city" | "district" | "street" | "community";
  parent: string | null;
  population: number;
}

export interface District {
  idx: number;
  code: string;
  name: string;
  short: string;
  census: number;
  pop: number;
  share: number;
  lat: number;
  lng: number;
  streets: number[];
  communities: number[];
  vols: number;
  orgs: number[];
  teams: number[];
}

export interface Street {
  idx: number;
  code: string;
  name: string;
  short: string;
  town: boolean;
  d: number;
  census: number;
  pop: number;
  lat: number;
  lng: number;
  communities: number[];
  vols: number;
  orgs: number[];
  teams: number[];
  projects: number[];
}

export interface Community {
  idx: number;
  code: string;
  name: string;
  s: number;
  d: number;
  census: number;
  pop: number;
  lat: number;
  lng: number;
  vols: number;
}

export interface Org {
  id: number;
  name: string;
  type: N.OrgTypeKey;
  isTeam: boolean;
  parentId: number | null;
  c: number;
  s: number;
  d: number;
  lat: number;
  lng: number;
  sectors: Sector[];
  foundedDay: number;
}

export interface Project {
  id: number;
  name: string;
  sector: Sector;
  c: number;
  s: number;
  d: number;
  org: number; // org id
  partnerId: number | null;
  startDay: number;
  endDay: number | null;
  status: "planned" | "active" | "closed";
}

export interface Activity {
  id: number;
  title: string;
  projectId: number | null;
  org: number;
  sector: Sector;
  c: number;
  d: number;
  day: number;
  startMs: number;
  endMs: number;
  spanH: number;
  capacity: number;
  participants: number;
  requirements: string | null;
  status: "open" | "closed" | "completed" | "cancelled";
  createdMs: number;
  peopleServed: number | null;
  problemsSolved: number | null;
}

export interface PendingEntry {
  volunteerId: number;
  amount: number;
  kind: "earn" | "reverse" | "dispatch_reward";
  c: number;
  serviceRecordId: number | null;
  demandId: number | null;
  dedupeKey: string;
  note: string | null;
  createdBy: number | null;
  ms: number;
}

/**
 * Everything the steps share while one seed runs: the resolved options, the random stream, the
 * region tree, per-volunteer arrays (index = id − 1), organizations, projects, activities and the
 * service-record writer. Each step in ./steps reads what earlier steps built and adds its own part;
 * the order is fixed in ./index.ts (`generate`), and each step forks its own random stream, so the
 * same profile + seed + as-of always gives the same rows.
 */
export class SeedState {
  readonly rng: Rng;
  readonly asOfDay: number;
  readonly asOfEnd: number; // as-of 18:00 CST
  readonly startDay: number; // campaign start
  readonly historyDay: number;
  readonly p: Profile;
  private phases: { name: string; seconds: number }[] = [];
  private phaseT = performance.now();
  private phaseCpu = process.cpuUsage();

  // regions
  districts: District[] = [];
  streets: Street[] = [];
  communities: Community[] = [];
  streetByCode = new Map<string, Street>();
  profileScale = 0;
  censusTotal = 0;
  popTotal = 0;

  // volunteers (index = id − 1)
  V = 0;
  vComm!: Int32Array;
  vReg!: Int32Array;
  vWeight!: Float64Array;
  vTarget!: Float32Array;
  vVerified!: Float64Array;
  vSectors!: Uint8Array;
  vPrimaryOrg!: Int32Array;
  distPool: { ids: Int32Array; regs: Int32Array; sampler: CumulativeSampler }[] = [];
  streetPool: { ids: Int32Array; regs: Int32Array; sampler: CumulativeSampler }[] = [];
  globalSampler!: CumulativeSampler;
  mark!: Int32Array;

  // organizations, memberships
  orgs: Org[] = [];
  orgMemberStart!: Int32Array;
  orgMembers!: Int32Array;
  /** Organization names already used (names are unique city-wide). */
  orgNames = new Set<string>();

  partners: { id: number; kind: string; regionCode: string }[] = [];
  projects: Project[] = [];
  activities: Activity[] = [];

  // service records
  srId = 0;
  sr!: BulkWriter;
  verifiedRecords = 0;
  pendingEntries: PendingEntry[] = [];
  campaignHoursByStreet!: Float64Array;

  // redemption budget checkpoints
  ckMs: number[] = [];
  ckDelta!: Int32Array;

  constructor(
    readonly q: Queryable,
    readonly o: Resolved,
    readonly passwordHash: string,
  ) {
    this.rng = new Rng(o.seed);
    this.p = o.profile;
    this.asOfDay = isoToDay(o.asOf);
    this.asOfEnd = cstMs(this.asOfDay, 18);
    this.startDay = isoToDay(o.campaignStart);
    this.historyDay = isoToDay(HISTORY_START);
  }

  /** Logs the time since the previous phase mark (and the bulk-insert share of it). */
  phase(name: string): void {
    const now = performance.now();
    const s = (now - this.phaseT) / 1000;
    const cpu = process.cpuUsage(this.phaseCpu);
    this.phaseCpu = process.cpuUsage();
    this.phases.push({ name, seconds: Math.round(s * 100) / 100 });
    this.o.log(
      `  ${name.padEnd(30)} ${s.toFixed(1).padStart(6)} s  cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(5)} s` +
        (BulkWriter.dbMs > 0 ? `   (bulk insert ${(BulkWriter.dbMs / 1000).toFixed(1)} s, encode ${(BulkWriter.encodeMs / 1000).toFixed(1)} s)` : ""),
    );
    BulkWriter.dbMs = 0;
    BulkWriter.encodeMs = 0;
    this.phaseT = now;
  }

  get phaseTimes() {
    return this.phases;
  }

  writer(table: PgTable, keys: readonly string[]): BulkWriter {
    return new BulkWriter(this.q, table, keys, this.p.batchRows);
  }

  /** Clamp an event time to as-of 18:00. */
  cap(ms: number): number {
    return Math.min(ms, this.asOfEnd);
  }

  /** CST day of an instant. */
  dayOf(ms: number): number {
    return cstDayOf(ms);
  }

  private commIdxMap?: Map<string, number>;
  /** Index of a community by its code. */
  commIndex(code: string): number {
    this.commIdxMap ??= new Map(this.communities.map((c) => [c.code, c.idx]));
    return this.commIdxMap.get(code)!;
  }
}
