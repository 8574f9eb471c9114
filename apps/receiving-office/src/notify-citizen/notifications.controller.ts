import { Controller, Get, Param } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@idcard/access';
import { Actor, Allow, AuditedRead } from '@idcard/service-runtime';
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
  // ops reads too: "the citizen says no SMS came" is answered at any hour by whether it was queued and sent.
  @Allow('clerk', 'ops')
  @AuditedRead()
  @ApiOperation({ summary: 'The SMS sent to the citizen about this application' })
  @ApiOkResponse({ type: [NotificationDto] })
  @ApiNotFoundResponse({ description: 'No application with this receipt number at this office' })
  @ApiForbiddenResponse({ description: "NOT_ALLOWED: a clerk of another office (needed.office names the application's)" })
  list(@Param('receiptNumber') receiptNumber: string, @Actor() reader: Principal): Promise<NotificationView[]> {
    return this.notifyCitizen.list(receiptNumber, reader);
  }
}
