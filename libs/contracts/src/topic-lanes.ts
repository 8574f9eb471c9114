import { topicAddress, TopicBuilderName } from './access-rights';
import type { ProvinceCode } from './codes/provinces';
import type { ServiceName } from './services';
import { consumerGroup } from './topics';

/**
 * The topics someone is waiting on: a clerk at the counter for the home registry's word (requests and their replies:
 * loss reports, temporary IDs within seconds), a verifier in every province for a loss (the national broadcasts,
 * within 2 s). Each service reads them with a consumer and group of their own — the prompt lane — so they are never
 * fetched and applied in one batch behind the application flow (applications with their photos, reviews, cards,
 * shipments), which can keep a consumer busy for seconds under load.
 */
export const PROMPT_BUILDERS: readonly TopicBuilderName[] = ['registryRequests', 'receivingReplies', 'cardInvalidations', 'cardIssuances'];

/** True for a topic of the prompt lane (in the namespace in force); false for the rest and anything unknown. */
export function isPromptTopic(topic: string): boolean {
  const address = topicAddress(topic);
  return address !== null && PROMPT_BUILDERS.includes(address.builder);
}

/** The prompt lane's consumer group of one service of one province: idcard-registry-office-44-prompt. */
export function promptConsumerGroup(service: ServiceName, p: ProvinceCode | string): string {
  return `${consumerGroup(service, p)}-prompt`;
}
