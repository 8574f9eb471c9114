// class-transformer keeps its @Type metadata in this module without publishing its type; class-validator-jsonschema reads it to follow nested classes.
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
  export const defaultMetadataStorage: MetadataStorage;
}
