import { consumerGroup, promptConsumerGroup } from '@idcard/contracts';
import { groupOwner } from './consumer-group-name';

describe('groupOwner', () => {
  it("reads the service and province of a service's group and of its prompt lane's", () => {
    expect(groupOwner(consumerGroup('registry-office', '44'))).toEqual({ service: 'registry-office', province: '44' });
    expect(groupOwner(promptConsumerGroup('receiving-office', '65'))).toEqual({ service: 'receiving-office', province: '65' });
    expect(groupOwner('run-7.idcard-production-center-11')).toEqual({ service: 'production-center', province: '11' });
  });

  it('knows no owner for a group this project did not name', () => {
    expect(groupOwner('idcard-ops-dlq-reader-1a2b3c4d')).toBeNull();
    expect(groupOwner('another-team')).toBeNull();
  });
});
