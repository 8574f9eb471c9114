import { KafkaApi } from '../api';
import { produce } from './00-produce';
import { fetch } from './01-fetch';
import { listOffsets } from './02-list-offsets';
import { metadata } from './03-metadata';
import { offsetCommit } from './08-offset-commit';
import { offsetFetch } from './09-offset-fetch';
import { findCoordinator } from './10-find-coordinator';
import { joinGroup } from './11-join-group';
import { heartbeat } from './12-heartbeat';
import { leaveGroup } from './13-leave-group';
import { syncGroup } from './14-sync-group';
import { describeGroups } from './15-describe-groups';
import { listGroups } from './16-list-groups';
import { saslHandshake } from './17-sasl-handshake';
import { apiVersions } from './18-api-versions';
import { createTopics } from './19-create-topics';
import { deleteTopics } from './20-delete-topics';
import { initProducerId } from './22-init-producer-id';
import { saslAuthenticate } from './36-sasl-authenticate';

/** Every API the broker implements; ApiVersions advertises exactly these ranges. */
export const KAFKA_APIS: KafkaApi[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  saslHandshake,
  apiVersions,
  createTopics,
  deleteTopics,
  initProducerId,
  saslAuthenticate,
];
