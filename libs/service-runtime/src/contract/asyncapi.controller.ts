import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { asyncApiDocument, AsyncApiDocument } from '@idcard/contracts';
// Not through @idcard/pages: its index serves page assets with this lib's guard, and importing it here would be a cycle.
import { ASYNCAPI_PAGE_CSS, ASYNCAPI_PAGE_CSS_PATH, renderAsyncApiPage } from '../../../pages/src/asyncapi-page';
import { Public } from '../access/access.decorators';

/** Made once per process: the contract is the code's, the same for every service and province npm start runs in it. */
let contract: { document: AsyncApiDocument; page: string } | null = null;
function theContract(): { document: AsyncApiDocument; page: string } {
  if (!contract) {
    const document = asyncApiDocument();
    contract = { document, page: renderAsyncApiPage(document as unknown as Record<string, unknown>) };
  }
  return contract;
}

/**
 * The message contract of the exchange (AsyncAPI 3.0), on every service: public like its OpenAPI at /docs, for a
 * province's integration team and their tools. It says what the code of libs/contracts says, nothing about this deployment.
 */
@ApiTags('contract')
@Controller()
@Public()
export class AsyncApiController {
  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The AsyncAPI 3.0 document: topics, who sends and reads them, access rights, envelope and payload schemas' })
  @ApiOkResponse({ description: 'AsyncAPI 3.0 document (JSON)' })
  document(): AsyncApiDocument {
    return theContract().document;
  }

  @Get('asyncapi')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The AsyncAPI document as a page: channels, operations with access rights, messages and their schemas' })
  page(): string {
    return theContract().page;
  }

  @Get(ASYNCAPI_PAGE_CSS_PATH.slice(1))
  @Header('Content-Type', 'text/css; charset=utf-8')
  @ApiProduces('text/css')
  @ApiOperation({ summary: "The /asyncapi page's stylesheet" })
  stylesheet(): string {
    return ASYNCAPI_PAGE_CSS;
  }
}
