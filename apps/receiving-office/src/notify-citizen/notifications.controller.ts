import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { NotificationView, NotifyCitizenService } from './notify-citizen.service';

class NotificationDto implements NotificationView {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['card_arrived'] })
  purpose: string;

  @ApiProperty({ description: 'The SMS text: receipt number and where to collect, never the ID number' })
  text: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'null until the SMS sender has delivered it' })
  sentAt: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The SMS sender that delivered it (table = recorded only)' })
  sentVia: string | null;
}

@ApiTags('applications')
@Controller('applications')
export class NotificationsController {
  constructor(private readonly notifyCitizen: NotifyCitizenService) {}

  @Get(':receiptNumber/notifications')
  @ApiOperation({ summary: 'The SMS sent to the citizen about this application' })
  @ApiOkResponse({ type: [NotificationDto] })
  @ApiNotFoundResponse({ description: 'No application with this receipt number at this office' })
  list(@Param('receiptNumber') receiptNumber: string): Promise<NotificationView[]> {
    return this.notifyCitizen.list(receiptNumber);
  }
}
