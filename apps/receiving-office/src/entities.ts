import { ApplicationStep } from './applications/entities/application-step.entity';
import { Application } from './applications/entities/application.entity';
import { DeadlineAlert } from './applications/entities/deadline-alert.entity';
import { FoundCard } from './found-cards/found-card.entity';
import { SmsNotification } from './notify-citizen/entities/sms-notification.entity';
import { LossReport } from './report-loss/loss-report.entity';
import { ShipmentCard } from './shipments/entities/shipment-card.entity';
import { Shipment } from './shipments/entities/shipment.entity';
import { TemporaryCardRequest } from './temporary-cards/temporary-card-request.entity';

export const receivingOfficeEntities = [
  Application,
  ApplicationStep,
  DeadlineAlert,
  Shipment,
  ShipmentCard,
  SmsNotification,
  LossReport,
  FoundCard,
  TemporaryCardRequest,
];
