import { ApplicationStep } from './applications/entities/application-step.entity';
import { Application } from './applications/entities/application.entity';
import { DeadlineAlert } from './applications/entities/deadline-alert.entity';
import { SmsNotification } from './notify-citizen/entities/sms-notification.entity';
import { ShipmentCard } from './shipments/entities/shipment-card.entity';
import { Shipment } from './shipments/entities/shipment.entity';

export const receivingOfficeEntities = [Application, ApplicationStep, DeadlineAlert, Shipment, ShipmentCard, SmsNotification];
