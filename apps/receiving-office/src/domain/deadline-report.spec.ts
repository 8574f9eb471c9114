import { deadlineReport, stageOf } from './deadline-report';

describe('deadline report', () => {
  it('maps statuses to the stage holding the application up', () => {
    expect(stageOf('submitted')).toBe('waiting_for_sign_off');
    expect(stageOf('manual_review')).toBe('waiting_for_sign_off');
    expect(stageOf('signed_off')).toBe('in_production');
    expect(stageOf('in_production')).toBe('in_production');
    expect(stageOf('shipped')).toBe('in_transit');
    expect(stageOf('arrived')).toBe('awaiting_handover');
    expect(stageOf('handed_over')).toBeNull();
    expect(stageOf('rejected')).toBeNull();
  });

  it('groups at-risk and breached applications by stage and by home province, the worst province first', () => {
    const report = deadlineReport([
      { deadlineState: 'warned', status: 'submitted', homeProvince: '44', count: 2 },
      { deadlineState: 'warned', status: 'shipped', homeProvince: '11', count: 1 },
      { deadlineState: 'breached', status: 'submitted', homeProvince: '65', count: 7 },
      { deadlineState: 'breached', status: 'in_production', homeProvince: '44', count: 1 },
      { deadlineState: 'breached', status: 'signed_off', homeProvince: '44', count: 2 },
      { deadlineState: 'breached', status: 'handed_over', homeProvince: '44', count: 9 },
    ]);
    expect(report.atRisk).toEqual({
      total: 3,
      byStage: { waiting_for_sign_off: 2, in_production: 0, in_transit: 1, awaiting_handover: 0 },
      byHomeProvince: [
        { homeProvince: '44', total: 2, byStage: { waiting_for_sign_off: 2, in_production: 0, in_transit: 0, awaiting_handover: 0 } },
        { homeProvince: '11', total: 1, byStage: { waiting_for_sign_off: 0, in_production: 0, in_transit: 1, awaiting_handover: 0 } },
      ],
    });
    expect(report.breached.total).toBe(10);
    expect(report.breached.byStage).toEqual({ waiting_for_sign_off: 7, in_production: 3, in_transit: 0, awaiting_handover: 0 });
    expect(report.breached.byHomeProvince.map((p) => [p.homeProvince, p.total])).toEqual([
      ['65', 7],
      ['44', 3],
    ]);
  });

  it('lists provinces holding up as many applications by province code, whatever order the database returns', () => {
    const rows = [
      { deadlineState: 'breached' as const, status: 'shipped' as const, homeProvince: '65', count: 2 },
      { deadlineState: 'breached' as const, status: 'submitted' as const, homeProvince: '11', count: 2 },
      { deadlineState: 'breached' as const, status: 'arrived' as const, homeProvince: '44', count: 3 },
    ];
    for (const order of [rows, [...rows].reverse()]) {
      expect(deadlineReport(order).breached.byHomeProvince.map((p) => p.homeProvince)).toEqual(['44', '11', '65']);
    }
  });

  it('is empty without escalations', () => {
    expect(deadlineReport([]).breached).toEqual({
      total: 0,
      byStage: { waiting_for_sign_off: 0, in_production: 0, in_transit: 0, awaiting_handover: 0 },
      byHomeProvince: [],
    });
  });
});
