// Suites pointed at a shared Kafka (KAFKA_BROKERS) each get their own topic and group namespace, so they never
// consume each other's messages; with the development broker every suite has a broker of its own anyway.
if (process.env.KAFKA_BROKERS && !process.env.KAFKA_NAMESPACE) {
  process.env.KAFKA_NAMESPACE = `test-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
