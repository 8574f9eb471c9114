import 'reflect-metadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ARRAY_UNIQUE, getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { defaultConverters, ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import type { RuleSchema } from '../validators';

export type JsonSchema = Record<string, unknown>;

/** A class-validator class: the envelope, a payload, or a class nested in one. */
export type SchemaClass = new () => object;

function isRuleSchema(value: unknown): value is RuleSchema {
  return typeof value === 'object' && value !== null && typeof (value as RuleSchema).schema === 'object';
}

/**
 * Our domain rules carry their JSON Schema as their constraint (validators.ts, domainRule); any other custom rule
 * falls back to the library's reading of the property's design type.
 */
const converters: ISchemaConverters = {
  [ValidationTypes.CUSTOM_VALIDATION]: (meta, options) => {
    const described = meta.constraints?.[0];
    if (isRuleSchema(described)) return { ...described.schema };
    const fallback = defaultConverters[ValidationTypes.CUSTOM_VALIDATION];
    return typeof fallback === 'function' ? fallback(meta, options) : fallback;
  },
  // ArrayUnique may compare by a key (the card serial), which JSON Schema's uniqueItems (whole items) cannot say.
  [ARRAY_UNIQUE]: { type: 'array', items: {}, description: 'no two items are the same (compared by their key, e.g. the card serial)' },
};

const OPTIONS = { additionalConverters: converters, classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/definitions/' };

/** Properties whose rule decides for itself when they may be absent: the library would list them as required. */
function mayBeAbsent(cls: SchemaClass): Set<string> {
  const metadatas: ValidationMetadata[] = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return new Set(metadatas.filter((m) => isRuleSchema(m.constraints?.[0]) && (m.constraints[0] as RuleSchema).mayBeAbsent).map((m) => m.propertyName));
}

/** The class a nested property holds (its @Type), to inline it: a message schema stands alone, without $ref. */
function nestedClass(cls: SchemaClass, property: string): SchemaClass {
  const type = defaultMetadataStorage.findTypeMetadata(cls, property);
  if (!type) throw new Error(`${cls.name}.${property} is validated as nested but has no @Type: cannot describe it`);
  return type.typeFunction() as SchemaClass;
}

function inlined(schema: JsonSchema, cls: SchemaClass, property: string, seen: readonly SchemaClass[]): JsonSchema {
  const { $ref, ...rest } = schema;
  if (typeof $ref === 'string') return { ...jsonSchemaOf(nestedClass(cls, property), seen), ...rest };
  const items = schema.items as JsonSchema | undefined;
  if (items && typeof items.$ref === 'string') return { ...schema, items: inlined(items, cls, property, seen) };
  return schema;
}

/**
 * The JSON Schema of a class-validator class, as class-validator-jsonschema reads its decorators, with nested
 * classes inlined (so each message's schema is whole, and a change to a shared class shows in every message it is
 * part of) and the properties a rule may leave absent taken out of `required`. Read class by class
 * (targetConstructorToSchema), not from the whole metadata store (validationMetadatasToSchemas): in a service the store
 * also holds every HTTP DTO, keyed by class name, and a DTO named like a contract class would take its place.
 */
export function jsonSchemaOf(cls: SchemaClass, seen: readonly SchemaClass[] = []): JsonSchema {
  if (seen.includes(cls)) throw new Error(`${cls.name} contains itself: a message schema must be finite`);
  const schema = targetConstructorToSchema(cls, OPTIONS) as JsonSchema;
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => [name, inlined(property, cls, name, [...seen, cls])]),
  );
  const optional = mayBeAbsent(cls);
  const required = ((schema.required ?? []) as string[]).filter((name) => !optional.has(name));
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}
