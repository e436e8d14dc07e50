/**
 * Writing one chunk of validated import rows in one transaction: people already registered are
 * looked up by ID hash (`FOR UPDATE`) and skipped, updated or refused (outside the importer's
 * region); new ones are inserted with one `INSERT … SELECT FROM unnest(…)`, changed ones updated with
 * one `UPDATE … FROM unnest(…)`; points accounts, memberships (org admin), the `new_volunteers`
 * rollup delta and the chunk's audit entry go into the same transaction.
 */
import { sql } from "drizzle-orm";
import { type Queryable, rows } from "@/db/client";
import { parsePgArray, pgArrayLiteral } from "@/db/sql-array";
import { writeAudit } from "@/lib/audit/log";
import type { Actor } from "@/lib/auth/actor";
import { canRegisterIn } from "@/lib/auth/scope";
import { addManyToRollup } from "@/lib/metrics/rollup";
import { COLUMN_LABEL, type ImportRow } from "./import-rules";
import { encryptPii, piiHash } from "./pii";
import { nextVolunteerIds, volunteerNoFor } from "./register";
import type { Outcome } from "./report";

interface ExistingRow {
  id: number;
  id_card_hash: string;
  name: string;
  phone_hash: string;
  community_code: string;
  volunteer_no: string;
  registered_on: string;
  skills: string[] | string;
  sector_intentions: string[] | string;
  member: boolean;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\u0001") === [...b].sort().join("\u0001");

export interface Pending {
  row: ImportRow;
  hash: string;
}

/** A delta to the new_volunteers rollup. */
interface RegDelta {
  day: string;
  communityCode: string;
  n: number;
}

export interface ChunkResult {
  outcomes: Map<number, { outcome: Outcome; column: string; message: string }>;
}

export async function writeChunk(
  tx: Queryable,
  actor: Actor,
  chunk: Pending[],
  ctx: { day: string; pathOf: (code: string) => string; ip: string | null; filename: string },
): Promise<ChunkResult> {
  const outcomes: ChunkResult["outcomes"] = new Map();
  const hashes = chunk.map((p) => p.hash);
  const orgId = actor.role === "org_admin" ? actor.organizationId : null;
  const existing = await rows<ExistingRow>(
    tx,
    sql`SELECT v.id, v.id_card_hash, v.name, v.phone_hash, v.community_code, v.volunteer_no, v.registered_on::text AS registered_on,
        v.skills, v.sector_intentions,
        ${orgId ? sql`EXISTS (SELECT 1 FROM memberships m WHERE m.volunteer_id = v.id AND m.organization_id = ${orgId})` : sql`true`} AS member
      FROM volunteers v WHERE v.id_card_hash = ANY(${pgArrayLiteral(hashes)}::text[]) FOR UPDATE`,
  );
  const byHash = new Map(existing.map((e) => [e.id_card_hash, e]));
  const givenNos = chunk.map((p) => p.row.volunteerNo).filter((x): x is string => !!x);
  const noOwners = new Map<string, string>();
  if (givenNos.length > 0) {
    const r = await rows<{ volunteer_no: string; id_card_hash: string }>(tx, sql`SELECT volunteer_no, id_card_hash FROM volunteers WHERE volunteer_no = ANY(${pgArrayLiteral(givenNos)}::text[])`);
    for (const x of r) noOwners.set(x.volunteer_no, x.id_card_hash);
  }

  const inserts: Pending[] = [];
  const updates: { p: Pending; e: ExistingRow; phoneChanged: boolean; addMember: boolean }[] = [];
  const deltas: RegDelta[] = [];
  for (const p of chunk) {
    const r = p.row;
    const e = byHash.get(p.hash);
    if (r.volunteerNo && noOwners.has(r.volunteerNo) && noOwners.get(r.volunteerNo) !== p.hash) {
      outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.volunteerNo, message: `志愿者编号 ${r.volunteerNo} 已被其他志愿者使用` });
      continue;
    }
    if (e) {
      if (!canRegisterIn(actor, e.community_code)) {
        outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.idCard, message: `该身份证号已在${ctx.pathOf(e.community_code)}注册，不在您的管辖范围内，请联系该社区核实` });
        continue;
      }
      if (!canRegisterIn(actor, r.communityCode)) {
        outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.community, message: "所属社区不在您的管辖范围内" });
        continue;
      }
      const phoneHash = piiHash(r.phone);
      const changed: string[] = [];
      if (e.name !== r.name) changed.push("姓名");
      if (e.phone_hash !== phoneHash) changed.push("手机号");
      if (e.community_code !== r.communityCode) changed.push("所属社区");
      if (r.volunteerNo && r.volunteerNo !== e.volunteer_no) changed.push("志愿者编号");
      if (r.registeredOn && r.registeredOn !== String(e.registered_on).slice(0, 10)) changed.push("注册日期");
      if (r.skills && !sameSet(r.skills, parsePgArray(e.skills))) changed.push("技能");
      if (r.sectors && !sameSet(r.sectors, parsePgArray(e.sector_intentions))) changed.push("服务意向");
      const addMember = !!orgId && !(e.member === true || (e.member as unknown) === "t");
      if (addMember) changed.push("加入本组织");
      if (changed.length === 0) {
        outcomes.set(r.row, { outcome: "skipped", column: "", message: "已注册，信息无变化" });
        continue;
      }
      updates.push({ p, e, phoneChanged: e.phone_hash !== phoneHash, addMember });
      outcomes.set(r.row, { outcome: "updated", column: "", message: `已注册，更新：${changed.join("、")}` });
      const oldDay = String(e.registered_on).slice(0, 10);
      const newDay = r.registeredOn ?? oldDay;
      if (oldDay !== newDay || e.community_code !== r.communityCode) {
        deltas.push({ day: oldDay, communityCode: e.community_code, n: -1 }, { day: newDay, communityCode: r.communityCode, n: 1 });
      }
      continue;
    }
    if (!canRegisterIn(actor, r.communityCode)) {
      outcomes.set(r.row, { outcome: "rejected", column: COLUMN_LABEL.community, message: "所属社区不在您的管辖范围内" });
      continue;
    }
    inserts.push(p);
    outcomes.set(r.row, { outcome: "created", column: "", message: "" });
  }

  if (inserts.length > 0) {
    const ids = await nextVolunteerIds(tx, inserts.length);
    const nos = inserts.map((p, i) => p.row.volunteerNo ?? volunteerNoFor(ids[i]!));
    // A generated number may already have been taken by an imported one: give that row a suffix.
    const clash = await rows<{ volunteer_no: string }>(tx, sql`SELECT volunteer_no FROM volunteers WHERE volunteer_no = ANY(${pgArrayLiteral(nos)}::text[])`);
    const taken = new Set(clash.map((c) => c.volunteer_no));
    const now = new Date().toISOString();
    const cols = {
      id: ids,
      no: nos.map((n, i) => (taken.has(n) && !inserts[i]!.row.volunteerNo ? `${n}-${ids[i]}` : n)),
      name: inserts.map((p) => p.row.name),
      idEnc: inserts.map((p) => encryptPii(p.row.idCard)),
      idHash: inserts.map((p) => p.hash),
      idPrefix: inserts.map((p) => p.row.idCard.slice(0, 6)),
      idLast4: inserts.map((p) => p.row.idCard.slice(-4)),
      phoneEnc: inserts.map((p) => encryptPii(p.row.phone)),
      phoneHash: inserts.map((p) => piiHash(p.row.phone)),
      phoneLast4: inserts.map((p) => p.row.phone.slice(-4)),
      gender: inserts.map((p) => p.row.gender),
      birth: inserts.map((p) => p.row.birthDate),
      community: inserts.map((p) => p.row.communityCode),
      reg: inserts.map((p) => p.row.registeredOn ?? ctx.day),
      skills: inserts.map((p) => JSON.stringify(p.row.skills ?? [])),
      sectors: inserts.map((p) => JSON.stringify(p.row.sectors ?? [])),
    };
    await tx.execute(sql`
      INSERT INTO volunteers (id, volunteer_no, name, id_card_enc, id_card_hash, id_prefix, id_last4, phone_enc, phone_hash, phone_last4,
        gender, birth_date, community_code, registered_on, skills, sector_intentions, status, created_at, updated_at)
      SELECT u.id, u.no, u.name, u.id_enc, u.id_hash, u.id_prefix, u.id_last4, u.phone_enc, u.phone_hash, u.phone_last4,
        u.gender::gender, u.birth::date, u.community, u.reg::date,
        ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.sectors::jsonb)),
        'active', ${now}::timestamptz, ${now}::timestamptz
      FROM unnest(${pgArrayLiteral(cols.id)}::int[], ${pgArrayLiteral(cols.no)}::text[], ${pgArrayLiteral(cols.name)}::text[], ${pgArrayLiteral(cols.idEnc)}::text[], ${pgArrayLiteral(cols.idHash)}::text[], ${pgArrayLiteral(cols.idPrefix)}::text[],
        ${pgArrayLiteral(cols.idLast4)}::text[], ${pgArrayLiteral(cols.phoneEnc)}::text[], ${pgArrayLiteral(cols.phoneHash)}::text[], ${pgArrayLiteral(cols.phoneLast4)}::text[], ${pgArrayLiteral(cols.gender)}::text[], ${pgArrayLiteral(cols.birth)}::text[],
        ${pgArrayLiteral(cols.community)}::text[], ${pgArrayLiteral(cols.reg)}::text[], ${pgArrayLiteral(cols.skills)}::text[], ${pgArrayLiteral(cols.sectors)}::text[])
        AS u(id, no, name, id_enc, id_hash, id_prefix, id_last4, phone_enc, phone_hash, phone_last4, gender, birth, community, reg, skills, sectors)`);
    await tx.execute(sql`INSERT INTO point_accounts (volunteer_id, balance) SELECT unnest(${pgArrayLiteral(ids)}::int[]), 0 ON CONFLICT DO NOTHING`);
    if (orgId) {
      await tx.execute(sql`INSERT INTO memberships (volunteer_id, organization_id, role, joined_on)
        SELECT u.id, ${orgId}, 'member', u.reg::date FROM unnest(${pgArrayLiteral(ids)}::int[], ${pgArrayLiteral(cols.reg)}::text[]) AS u(id, reg) ON CONFLICT DO NOTHING`);
    }
    inserts.forEach((p, i) => deltas.push({ day: cols.reg[i]!, communityCode: p.row.communityCode, n: 1 }));
  }

  if (updates.length > 0) {
    const u = {
      id: updates.map((x) => x.e.id),
      name: updates.map((x) => x.p.row.name),
      phoneEnc: updates.map((x) => (x.phoneChanged ? encryptPii(x.p.row.phone) : "")),
      phoneHash: updates.map((x) => piiHash(x.p.row.phone)),
      phoneLast4: updates.map((x) => x.p.row.phone.slice(-4)),
      community: updates.map((x) => x.p.row.communityCode),
      no: updates.map((x) => x.p.row.volunteerNo ?? x.e.volunteer_no),
      reg: updates.map((x) => x.p.row.registeredOn ?? String(x.e.registered_on).slice(0, 10)),
      skills: updates.map((x) => (x.p.row.skills ? JSON.stringify(x.p.row.skills) : "")),
      sectors: updates.map((x) => (x.p.row.sectors ? JSON.stringify(x.p.row.sectors) : "")),
    };
    await tx.execute(sql`
      UPDATE volunteers v SET
        name = u.name,
        phone_enc = CASE WHEN u.phone_enc = '' THEN v.phone_enc ELSE u.phone_enc END,
        phone_hash = u.phone_hash, phone_last4 = u.phone_last4,
        community_code = u.community, volunteer_no = u.no, registered_on = u.reg::date,
        skills = CASE WHEN u.skills = '' THEN v.skills ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
        sector_intentions = CASE WHEN u.sectors = '' THEN v.sector_intentions ELSE ARRAY(SELECT jsonb_array_elements_text(u.sectors::jsonb)) END,
        version = v.version + 1, updated_at = now()
      FROM unnest(${pgArrayLiteral(u.id)}::int[], ${pgArrayLiteral(u.name)}::text[], ${pgArrayLiteral(u.phoneEnc)}::text[], ${pgArrayLiteral(u.phoneHash)}::text[], ${pgArrayLiteral(u.phoneLast4)}::text[], ${pgArrayLiteral(u.community)}::text[],
        ${pgArrayLiteral(u.no)}::text[], ${pgArrayLiteral(u.reg)}::text[], ${pgArrayLiteral(u.skills)}::text[], ${pgArrayLiteral(u.sectors)}::text[])
        AS u(id, name, phone_enc, phone_hash, phone_last4, community, no, reg, skills, sectors)
      WHERE v.id = u.id`);
    const join = updates.filter((x) => x.addMember).map((x) => x.e.id);
    if (orgId && join.length > 0) {
      await tx.execute(sql`INSERT INTO memberships (volunteer_id, organization_id, role, joined_on)
        SELECT unnest(${pgArrayLiteral(join)}::int[]), ${orgId}, 'member', ${ctx.day}::date ON CONFLICT DO NOTHING`);
    }
  }

  await addManyToRollup(tx, "new_volunteers", deltas);
  if (inserts.length + updates.length > 0) {
    await writeAudit(tx, {
      userId: actor.id,
      username: actor.username,
      role: actor.role,
      ip: ctx.ip,
      action: "volunteer.import",
      objectType: "volunteer",
      summary: { file: ctx.filename, rows: [chunk[0]!.row.row, chunk[chunk.length - 1]!.row.row], created: inserts.length, updated: updates.length },
    });
  }
  return { outcomes };
}
