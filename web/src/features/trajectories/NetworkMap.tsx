import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Cell, HeaderCell, Table, TableBody, TableHeader, TableRow } from '../../components/Table';
import { Paragraph } from '../../components/Typography';
import type { NetworkRelation, PlanNetworkMember } from '../../lib/api-types';
import { NETWORK_RELATIONS } from '../../lib/api-types';

/** One colour per relation; the relation is always written next to the dot as well. */
export const RELATION_COLOURS: Record<NetworkRelation, string> = {
  family: '#1b4a7d',
  friend: '#7a3e9d',
  neighbour: '#1f7a3d',
  volunteer: '#a34f00',
  informal_carer: '#b3002d',
  professional: '#4d4d4d',
  other: '#6b5a00',
};

const WIDTH = 720;
const HEIGHT = 520;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
/** Where the ring names stand: upper left, away from where the first members are placed. */
const LABEL_ANGLE = (-150 * Math.PI) / 180;
const RINGS: Record<1 | 2 | 3, number> = { 1: 95, 2: 165, 3: 235 };

interface Placed {
  member: PlanNetworkMember;
  x: number;
  y: number;
}

function place(members: PlanNetworkMember[]): Placed[] {
  const placed: Placed[] = [];
  for (const ring of [1, 2, 3] as const) {
    const inRing = members.filter((m) => Math.min(3, Math.max(1, m.closeness)) === ring);
    const radius = RINGS[ring];
    inRing.forEach((member, index) => {
      // Spread evenly, each ring turned a little so that labels of different rings do not meet.
      const angle = -Math.PI / 2 + (ring - 1) * 0.45 + (2 * Math.PI * index) / inRing.length;
      placed.push({
        member,
        x: CX + radius * Math.cos(angle) * 1.35,
        y: CY + radius * Math.sin(angle) * 0.9,
      });
    });
  }
  return placed;
}

/**
 * The network map: the household in the centre, three rings for how close people are, each person
 * a dot with name and relation. An image for sighted users with a title and description, and the
 * same data in a table underneath for everyone.
 */
export function NetworkMap({
  members,
  householdLabel,
}: {
  members: PlanNetworkMember[];
  householdLabel: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  if (members.length === 0) return <Paragraph>{t('traj.network.empty')}</Paragraph>;
  const placed = place(members);
  const used = NETWORK_RELATIONS.filter((relation) =>
    members.some((member) => member.relation === relation),
  );
  return (
    <div className="sk-netmap">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="sk-netmap__svg"
      >
        <title id={`${id}-title`}>{t('traj.network.mapTitle', { name: householdLabel })}</title>
        <desc id={`${id}-desc`}>{t('traj.network.mapDesc', { count: members.length })}</desc>
        {([3, 2, 1] as const).map((ring) => (
          <g key={ring}>
            <ellipse
              cx={CX}
              cy={CY}
              rx={RINGS[ring] * 1.35}
              ry={RINGS[ring] * 0.9}
              className={`sk-netmap__ring sk-netmap__ring--${ring}`}
            />
            <text
              x={CX + RINGS[ring] * 1.35 * Math.cos(LABEL_ANGLE)}
              y={CY + RINGS[ring] * 0.9 * Math.sin(LABEL_ANGLE) - 4}
              textAnchor="end"
              className="sk-netmap__ring-label"
            >
              {t(`closeness.${ring}`)}
            </text>
          </g>
        ))}
        {placed.map(({ member, x, y }) => (
          <line key={member.id} x1={CX} y1={CY} x2={x} y2={y} className="sk-netmap__line" />
        ))}
        <circle cx={CX} cy={CY} r={46} className="sk-netmap__centre" />
        <text x={CX} y={CY - 3} textAnchor="middle" className="sk-netmap__centre-label">
          {t('traj.network.centre')}
        </text>
        <text x={CX} y={CY + 13} textAnchor="middle" className="sk-netmap__centre-name">
          {householdLabel.length > 14 ? `${householdLabel.slice(0, 13)}…` : householdLabel}
        </text>
        {placed.map(({ member, x, y }) => (
          <g key={member.id}>
            <circle
              cx={x}
              cy={y}
              r={11}
              fill={RELATION_COLOURS[member.relation]}
              stroke="#fff"
              strokeWidth={2}
            />
            {/* Labels point away from the centre: above the dot in the upper half. */}
            <text
              x={x}
              y={y < CY ? y - 30 : y + 26}
              textAnchor="middle"
              className="sk-netmap__name"
            >
              {member.name}
            </text>
            <text
              x={x}
              y={y < CY ? y - 16 : y + 41}
              textAnchor="middle"
              className="sk-netmap__relation"
            >
              {t(`relations.${member.relation}`)}
            </text>
          </g>
        ))}
      </svg>
      <ul className="sk-netmap__legend" aria-label={t('traj.network.legend')}>
        {used.map((relation) => (
          <li key={relation}>
            <span
              className="sk-netmap__swatch"
              style={{ background: RELATION_COLOURS[relation] }}
              aria-hidden="true"
            />
            {t(`relations.${relation}`)}
          </li>
        ))}
      </ul>
      <Table caption={t('traj.network.caption')}>
        <TableHeader>
          <TableRow>
            <HeaderCell>{t('traj.plan.memberName')}</HeaderCell>
            <HeaderCell>{t('traj.plan.relation')}</HeaderCell>
            <HeaderCell>{t('traj.plan.closenessLabel')}</HeaderCell>
            <HeaderCell>{t('traj.plan.roleInPlan')}</HeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {[...members]
            .sort((a, b) => a.closeness - b.closeness)
            .map((member) => (
              <TableRow key={member.id}>
                <Cell>{member.name}</Cell>
                <Cell>{t(`relations.${member.relation}`)}</Cell>
                <Cell>{t(`closeness.${member.closeness}`)}</Cell>
                <Cell>{member.roleInPlan ?? '—'}</Cell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
    </div>
  );
}
