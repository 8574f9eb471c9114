import type { InstrumentationBase } from '@opentelemetry/instrumentation';

/**
 * Jest loads modules through a registry of its own, which the instrumentations' require hook never sees: this applies
 * each instrumentation's own patch to the modules as jest loaded them (node:http, @nestjs/core, pg, kafkajs), so a
 * test traces the code as a service process does. Resolves the undo: node:http is shared by every test file of a worker.
 */
export function instrumentJestModules(instrumentations: object[]): () => void {
  const undo: (() => void)[] = [];
  for (const instrumentation of instrumentations as InstrumentationBase[])
    for (const definition of instrumentation.getModuleDefinitions()) {
      const moduleExports = loaded(definition.name);
      if (moduleExports === undefined) continue;
      const version = (loaded(`${definition.name}/package.json`) as { version?: string } | undefined)?.version;
      const patched = definition.patch?.(moduleExports, version) ?? moduleExports;
      undo.push(() => definition.unpatch?.(patched, version));
      for (const file of definition.files) {
        const fileExports = loaded(file.name);
        if (fileExports === undefined) continue;
        const patchedFile = file.patch(fileExports, version) ?? fileExports;
        undo.push(() => file.unpatch(patchedFile, version));
      }
    }
  return () => undo.reverse().forEach((step) => step());
}

function loaded(name: string): unknown {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name);
  } catch {
    return undefined;
  }
}
