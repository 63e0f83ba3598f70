/**
 * "Distributed Systems Inc.": the run at one step drawn as an office floor. A
 * wing per holon at the top of the chosen holarchy, a room per component (its
 * person in or away, its filing cabinet kept or emptied), a pneumatic tube per
 * link (cut while a partition separates its ends), capsules for the messages
 * in the tubes, and a mailbox at the front door for the clients' mail.
 */

import type { ModelDocument } from "../api/modelDocument";
import type { GlobalState, TraceDelta } from "../api/types-extra";
import { holonMembers, topHolons } from "./holons";
import type { MessageInfo } from "./trace";

export type Absence = "transient" | "intermittent" | "permanent" | "down";

export interface Room {
  id: string;
  x: number;
  y: number;
  present: boolean;
  /** Why the person is away, from the scenario's crash of this component (or of a holon holding it). */
  absence?: Absence;
  /** Durable state survives a crash; a volatile component's cabinet is emptied while it is down. */
  cabinet: "kept" | "emptied";
  durable: boolean;
}

export interface Wing {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rooms: Room[];
}

export interface Tube {
  from: string;
  to: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The control point of its curve: a tube between rooms that are not neighbours arcs over the rooms between. */
  cx: number;
  cy: number;
  /** A partition separates its two ends now. */
  cut: boolean;
}

/** The point a fraction `f` along a tube (a quadratic curve). */
export function tubePoint(t: Pick<Tube, "x1" | "y1" | "x2" | "y2" | "cx" | "cy">, f: number): [number, number] {
  const g = 1 - f;
  return [g * g * t.x1 + 2 * g * f * t.cx + f * f * t.x2, g * g * t.y1 + 2 * g * f * t.cy + f * f * t.y2];
}

function tubeBetween(a: [number, number], b: [number, number]): Pick<Tube, "x1" | "y1" | "x2" | "y2" | "cx" | "cy"> {
  const neighbours = Math.hypot(b[0] - a[0], b[1] - a[1]) <= ROOM_W + 2 * GAP + WING_PAD * 2;
  // A quadratic curve rises half as far as its control point: twice the room half-height and a margin.
  const lift = neighbours ? 0 : ROOM_H + 30 + Math.abs(b[0] - a[0]) * 0.05;
  return { x1: a[0], y1: a[1], x2: b[0], y2: b[1], cx: (a[0] + b[0]) / 2, cy: Math.min(a[1], b[1]) - lift };
}

export interface Capsule {
  id: number;
  type: string;
  x: number;
  y: number;
  /** Delivered after a message sent later on the same tube: it is being overtaken. */
  overtaken: boolean;
  duplicate: boolean;
  lost: boolean;
}

export interface OfficeFloor {
  width: number;
  height: number;
  wings: Wing[];
  tubes: Tube[];
  capsules: Capsule[];
  mailbox: { x: number; y: number; clients: string[]; letters: number };
}

export const ROOM_W = 120;
export const ROOM_H = 86;
const GAP = 26;
const WING_PAD = 28;
const COLUMNS = 3;
const TOP = 70;

interface PartitionFault {
  holarchy: string;
  sides: [string[], string[]];
  from: number;
  until?: number | null;
  oneway?: boolean;
}

interface CrashFault {
  kind: "transient" | "intermittent" | "permanent";
  component?: string;
  holon?: string;
  holarchy?: string;
}

function faultsOf(doc: ModelDocument, scenario: string | null | undefined) {
  const faults = doc.scenarios?.find((s) => s.name === scenario)?.faults ?? [];
  return {
    partitions: faults.map((f) => f.partition as PartitionFault | undefined).filter((p): p is PartitionFault => !!p),
    crashes: faults.map((f) => f.crash as CrashFault | undefined).filter((c): c is CrashFault => !!c),
  };
}

/** Directed links a partition of the scenario cuts at time `now`, as "from->to". */
export function cutLinks(doc: ModelDocument, scenario: string | null | undefined, now: number): Set<string> {
  const cut = new Set<string>();
  for (const p of faultsOf(doc, scenario).partitions) {
    if (now < p.from || (p.until != null && now >= p.until)) continue;
    const [a, b] = p.sides.map((side) => new Set(side.flatMap((h) => holonMembers(doc, p.holarchy, h))));
    for (const link of doc.links ?? []) {
      const pairs = link.bidirectional ? [[link.from, link.to], [link.to, link.from]] : [[link.from, link.to]];
      for (const [src, dst] of pairs) {
        if ((a.has(src) && b.has(dst)) || (!p.oneway && b.has(src) && a.has(dst))) cut.add(`${src}->${dst}`);
      }
    }
  }
  return cut;
}

function absenceOf(doc: ModelDocument, scenario: string | null | undefined, component: string): Absence {
  for (const c of faultsOf(doc, scenario).crashes) {
    if (c.component === component) return c.kind;
    if (c.holon && c.holarchy && holonMembers(doc, c.holarchy, c.holon).includes(component)) return c.kind;
  }
  return "down";
}

export function officeFloor(
  doc: ModelDocument,
  global: GlobalState,
  delta: TraceDelta | null | undefined,
  options: { holarchy?: string; scenario?: string | null; messages?: Map<number, MessageInfo> },
): OfficeFloor {
  const holarchy = doc.holarchies?.find((h) => h.name === options.holarchy) ?? doc.holarchies?.[0];
  const durable = new Map(doc.components.map((c) => [c.id, c.state === "durable"]));
  const centre = new Map<string, [number, number]>();
  let x = GAP;
  let height = 0;
  const wings: Wing[] = topHolons(holarchy, doc.components.map((c) => c.id)).map((w) => {
    const columns = Math.min(COLUMNS, Math.max(1, w.components.length));
    const width = WING_PAD * 2 + columns * ROOM_W + (columns - 1) * GAP;
    const rows = Math.ceil(w.components.length / columns);
    const wingHeight = WING_PAD * 2 + rows * ROOM_H + (rows - 1) * GAP;
    const rooms = w.components.map((id, i) => {
      const rx = x + WING_PAD + (i % columns) * (ROOM_W + GAP);
      const ry = TOP + WING_PAD + Math.floor(i / columns) * (ROOM_H + GAP);
      centre.set(id, [rx + ROOM_W / 2, ry + ROOM_H / 2]);
      const present = global.components[id]?.up ?? true;
      const keeps = durable.get(id) ?? false;
      return {
        id,
        x: rx,
        y: ry,
        present,
        absence: present ? undefined : absenceOf(doc, options.scenario, id),
        cabinet: present || keeps ? ("kept" as const) : ("emptied" as const),
        durable: keeps,
      };
    });
    const wing = { id: w.id, x, y: TOP, width, height: wingHeight, rooms };
    x += width + GAP;
    height = Math.max(height, wingHeight);
    return wing;
  });
  const width = Math.max(x, 420);
  const cut = cutLinks(doc, options.scenario, global.time);
  const seen = new Set<string>();
  const tubes: Tube[] = [];
  for (const link of doc.links ?? []) {
    const key = [link.from, link.to].sort().join("|");
    const a = centre.get(link.from);
    const b = centre.get(link.to);
    if (!a || !b || seen.has(key)) continue;
    seen.add(key);
    const isCut = cut.has(`${link.from}->${link.to}`) || cut.has(`${link.to}->${link.from}`);
    tubes.push({ from: link.from, to: link.to, ...tubeBetween(a, b), cut: isCut });
  }
  const capsules = capsulesOf(global, delta, tubes, options.messages ?? new Map());
  const clients = doc.components.filter((c) => /client/i.test(c.behavior)).map((c) => c.id);
  const letters = Object.values(global.inflight ?? {}).filter(([from, to]) => clients.includes(from) || clients.includes(to)).length;
  return { width, height: TOP + height + 110, wings, tubes, capsules, mailbox: { x: width / 2, y: TOP + height + 60, clients, letters } };
}

/** Messages in the tubes now: placed along their tube by how soon they arrive; the step's drop or copy marked. */
function capsulesOf(global: GlobalState, delta: TraceDelta | null | undefined, tubes: Tube[], messages: Map<number, MessageInfo>): Capsule[] {
  /** The point a fraction f of the way from a message's sender to its addressee, along their tube. */
  const along = (from: string, to: string, f: number): [number, number] | undefined => {
    const tube = tubes.find((t) => (t.from === from && t.to === to) || (t.from === to && t.to === from));
    if (!tube) return undefined;
    return tubePoint(tube, tube.from === from ? f : 1 - f);
  };
  const entries = Object.entries(global.inflight ?? {}).map(([id, [from, to, type, , at]]) => ({ id: Number(id), from, to, type, at }));
  const out: Capsule[] = [];
  for (const m of entries) {
    // The sooner it arrives, the nearer its addressee (a message's sending time is not in the global state).
    const at = along(m.from, m.to, 1 - Math.min(1, Math.max(0, (m.at - global.time) / 4)) * 0.8 - 0.1);
    if (!at) continue;
    const overtaken = entries.some((o) => o.from === m.from && o.to === m.to && o.id > m.id && o.at < m.at);
    const duplicate = delta?.k === "duplicate" && (delta.snd ?? []).some((e) => e[0] === m.id);
    out.push({ id: m.id, type: m.type, x: at[0], y: at[1], overtaken, duplicate, lost: false });
  }
  const dropped = delta?.k === "drop" && delta.m !== undefined ? messages.get(delta.m) : undefined;
  const fell = dropped && along(dropped.from, dropped.to, 0.6);
  if (dropped && fell) {
    // The network dropped it this step: it falls out of its tube short of its addressee.
    out.push({ id: dropped.id, type: dropped.type, x: fell[0], y: fell[1], overtaken: false, duplicate: false, lost: true });
  }
  return out;
}
