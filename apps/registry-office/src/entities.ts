import { RegistryApplication } from './applications/entities/registry-application.entity';
import { Card } from './register/entities/card.entity';
import { Citizen } from './register/entities/citizen.entity';

export const registryEntities = [Citizen, Card, RegistryApplication];
