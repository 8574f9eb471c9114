import * as fs from 'fs';
import * as path from 'path';
import { ErrorCode } from './protocol/error-codes';
import { PartitionLog } from './partition-log';

export interface Topic {
  name: string;
  partitions: PartitionLog[];
}

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function topicNameError(name: string): string | null {
  if (!LEGAL_TOPIC_NAME.test(name) || name === '.' || name === '..') {
    return `topic name "${name}" is illegal: 1 to 249 characters of a-z A-Z 0-9 . _ -`;
  }
  return null;
}

/** The broker's topics, and where they live on disk when a data directory is given. */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly dataDir: string | null) {
    if (dataDir) this.load(path.join(dataDir, 'topics'));
  }

  private load(root: string): void {
    fs.mkdirSync(root, { recursive: true });
    for (const name of fs.readdirSync(root)) {
      const metaFile = path.join(root, name, 'topic.json');
      if (!fs.existsSync(metaFile)) continue; // a topic whose creation was cut short never existed
      const { partitions } = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { partitions: number };
      const logs = Array.from({ length: partitions }, (_, p) => PartitionLog.open(path.join(root, name, `${p}.log`)));
      this.topics.set(name, { name, partitions: logs });
    }
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  all(): Topic[] {
    return [...this.topics.values()];
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  create(name: string, partitions: number): Topic {
    let logs: PartitionLog[];
    if (this.dataDir) {
      const dir = path.join(this.dataDir, 'topics', name);
      fs.mkdirSync(dir, { recursive: true });
      logs = Array.from({ length: partitions }, (_, p) => PartitionLog.open(path.join(dir, `${p}.log`)));
      // Written last and renamed into place, so a half-created topic is not loaded after a crash.
      fs.writeFileSync(path.join(dir, 'topic.json.tmp'), JSON.stringify({ partitions }));
      fs.renameSync(path.join(dir, 'topic.json.tmp'), path.join(dir, 'topic.json'));
    } else {
      logs = Array.from({ length: partitions }, () => PartitionLog.inMemory());
    }
    const topic = { name, partitions: logs };
    this.topics.set(name, topic);
    return topic;
  }

  delete(name: string): number {
    const topic = this.topics.get(name);
    if (!topic) return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
    for (const log of topic.partitions) log.close();
    this.topics.delete(name);
    if (this.dataDir) fs.rmSync(path.join(this.dataDir, 'topics', name), { recursive: true, force: true });
    return ErrorCode.NONE;
  }

  close(): void {
    for (const topic of this.topics.values()) for (const log of topic.partitions) log.close();
  }
}
