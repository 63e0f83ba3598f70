import { useMemo, useState } from "react";
import type { ModelDocument } from "../../api/modelDocument";
import type { GlobalState, TraceDelta } from "../../api/types-extra";
import { officeFloor, ROOM_H, ROOM_W, tubePoint, type Room, type Tube } from "../../lib/office";
import type { MessageInfo } from "../../lib/trace";

const ABSENCE: Record<string, string> = {
  transient: "out for a while (transient crash)",
  intermittent: "in and out (intermittent crashes)",
  permanent: "gone for good (permanent crash)",
  down: "away (crashed)",
};

/** Most rooms drawn: past this the floor plan stops being readable, and the normal viewer says more. */
const MAX_ROOMS = 240;

/**
 * Distributed Systems Inc.: the run at this step as an office floor. Each
 * component is a room with its person (in, or away while crashed) and its
 * filing cabinet (kept through a crash when its state is durable, emptied when
 * volatile); links are pneumatic tubes carrying the messages in flight (a cut
 * tube while a partition separates its ends); wings are the holons of the
 * chosen holarchy; the mailbox at the front door is the clients' mail.
 */
export function OfficeView({ document, global, delta, scenario, messages, onSelect }: { document: ModelDocument; global: GlobalState; delta?: TraceDelta | null; scenario?: string | null; messages: Map<number, MessageInfo>; onSelect: (component: string) => void }) {
  const holarchies = document.holarchies ?? [];
  const [holarchy, setHolarchy] = useState(holarchies[0]?.name);
  const tooMany = document.components.length > MAX_ROOMS;
  const floor = useMemo(
    () => (tooMany ? undefined : officeFloor(document, global, delta, { holarchy, scenario, messages })),
    [document, global, delta, holarchy, scenario, messages, tooMany],
  );
  return (
    <div className="panel" data-testid="office-view">
      <div className="panel-header">
        <h2>Distributed Systems Inc.</h2>
        <span className="muted small">the office at time {+global.time.toFixed(3)}</span>
        {holarchies.length > 1 && (
          <label className="small row" style={{ gap: 4, marginLeft: "auto" }}>
            wings by
            <select value={holarchy} onChange={(e) => setHolarchy(e.target.value)} aria-label="Holarchy of the wings">
              {holarchies.map((h) => (
                <option key={h.name} value={h.name}>{h.name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {!floor ? (
        <div className="panel-body muted">{document.components.length} rooms do not fit one floor plan; the space-time diagram and the global view show this run.</div>
      ) : (
        <div className="diagram-wrap" style={{ borderTop: "none" }}>
          <svg width={floor.width} height={floor.height} role="img" aria-label="Office floor: rooms, tubes and the mailbox" style={{ display: "block" }}>
            <rect x={4} y={4} width={floor.width - 8} height={floor.height - 8} rx={10} fill="#f8fafc" stroke="#94a3b8" />
            <text x={16} y={30} fontSize={15} fontWeight={700} fill="#1e293b">Distributed Systems Inc.</text>
            <text x={16} y={48} fontSize={11} fill="#64748b">rooms are components · tubes are links · capsules are messages in flight</text>
            {floor.wings.map((w) => (
              <g key={w.id}>
                <rect x={w.x} y={w.y} width={w.width} height={w.height} rx={8} fill="#eef2ff" stroke="#a5b4fc" />
                <text x={w.x + 10} y={w.y + 18} fontSize={12} fontWeight={600} fill="#3730a3">wing {w.id}</text>
              </g>
            ))}
            {floor.tubes.map((t) => (
              <g key={`${t.from}-${t.to}`} data-testid={t.cut ? "tube-cut" : "tube"} data-link={`${t.from}-${t.to}`}>
                <title>{`tube ${t.from} ↔ ${t.to}${t.cut ? ": cut by a partition" : ""}`}</title>
                {t.cut ? <CutTube tube={t} /> : <path d={tubePath(t)} fill="none" stroke="#94a3b8" strokeWidth={7} strokeLinecap="round" opacity={0.55} />}
              </g>
            ))}
            {floor.wings.flatMap((w) => w.rooms).map((r) => (
              <RoomBox key={r.id} room={r} onSelect={onSelect} />
            ))}
            {floor.capsules.map((c) => (
              <g key={`${c.id}-${c.lost}`} data-testid={c.lost ? "capsule-lost" : "capsule"}>
                <title>{`message #${c.id} ${c.type}${c.lost ? ": lost" : ""}${c.duplicate ? ": a duplicate" : ""}${c.overtaken ? ": being overtaken" : ""}`}</title>
                <rect x={c.x - 9} y={c.y - 5} width={18} height={10} rx={5} fill={c.lost ? "#fecaca" : c.duplicate ? "#fde68a" : "#c7d2fe"} stroke={c.lost ? "#dc2626" : c.overtaken ? "#d97706" : "#4f46e5"} strokeDasharray={c.lost ? "3 2" : undefined} />
                {c.lost && <text x={c.x + 12} y={c.y + 4} fontSize={10} fill="#dc2626">lost</text>}
              </g>
            ))}
            <g data-testid="mailbox">
              <title>{floor.mailbox.clients.length ? `the front door: mail of ${floor.mailbox.clients.join(", ")}` : "the front door: this model has no client"}</title>
              <rect x={floor.mailbox.x - 60} y={floor.height - 22} width={120} height={14} fill="#cbd5e1" />
              <text x={floor.mailbox.x} y={floor.height - 11} fontSize={10} textAnchor="middle" fill="#334155">front door</text>
              <rect x={floor.mailbox.x - 16} y={floor.mailbox.y - 14} width={32} height={22} rx={4} fill="#fef3c7" stroke="#b45309" />
              <text x={floor.mailbox.x + 24} y={floor.mailbox.y + 2} fontSize={11} fill="#334155">
                mailbox: {floor.mailbox.clients.length ? `${floor.mailbox.letters} letter(s) of the clients in flight` : "no clients in this model"}
              </text>
            </g>
          </svg>
        </div>
      )}
    </div>
  );
}

function tubePath(t: Tube): string {
  return `M ${t.x1} ${t.y1} Q ${t.cx} ${t.cy} ${t.x2} ${t.y2}`;
}

/** A tube a partition cuts: red, with a gap and scissors in its middle. */
function CutTube({ tube }: { tube: Tube }) {
  const [mx, my] = tubePoint(tube, 0.5);
  return (
    <>
      <path d={tubePath(tube)} fill="none" stroke="#dc2626" strokeWidth={7} opacity={0.7} />
      <rect x={mx - 9} y={my - 9} width={18} height={18} fill="#f8fafc" />
      <text x={mx} y={my + 5} fontSize={15} textAnchor="middle" fill="#dc2626">✂</text>
      <text x={mx} y={my - 13} fontSize={10} textAnchor="middle" fill="#dc2626">partition</text>
    </>
  );
}

function RoomBox({ room: r, onSelect }: { room: Room; onSelect: (component: string) => void }) {
  return (
    <g data-testid="room" data-component={r.id} data-present={r.present} data-cabinet={r.cabinet} style={{ cursor: "pointer" }} onClick={() => onSelect(r.id)}>
      <title>{`${r.id}: ${r.present ? "at work" : ABSENCE[r.absence ?? "down"]}; filing cabinet ${r.cabinet}${r.durable ? " (durable state)" : " (volatile state)"}`}</title>
      <rect x={r.x} y={r.y} width={ROOM_W} height={ROOM_H} rx={6} fill={r.present ? "#fff" : "#fef2f2"} stroke={r.present ? "#64748b" : "#dc2626"} strokeWidth={1.5} />
      <text x={r.x + 8} y={r.y + 16} fontSize={12} fontWeight={600} fill="#0f172a">{r.id}</text>
      {r.present ? (
        <g fill="#334155">
          <circle cx={r.x + 30} cy={r.y + 42} r={8} />
          <rect x={r.x + 21} y={r.y + 52} width={18} height={20} rx={6} />
        </g>
      ) : (
        <text x={r.x + 8} y={r.y + 50} fontSize={10} fill="#dc2626">{r.absence === "permanent" ? "gone" : r.absence === "intermittent" ? "in and out" : "away"}</text>
      )}
      <g>
        <rect x={r.x + ROOM_W - 34} y={r.y + 30} width={24} height={42} rx={2} fill={r.cabinet === "kept" ? "#e2e8f0" : "#fff"} stroke="#475569" />
        {r.cabinet === "kept" ? (
          [0, 1, 2].map((i) => <line key={i} x1={r.x + ROOM_W - 30} x2={r.x + ROOM_W - 14} y1={r.y + 40 + i * 11} y2={r.y + 40 + i * 11} stroke="#475569" />)
        ) : (
          <text x={r.x + ROOM_W - 22} y={r.y + 56} fontSize={9} textAnchor="middle" fill="#dc2626">empty</text>
        )}
      </g>
    </g>
  );
}
