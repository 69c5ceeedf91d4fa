import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { CanaryReplies } from './canary-replies';
import { CanaryReplyMessageController } from './canary-reply.message.controller';
import { CheckPipelineHttpController } from './check-pipeline.http.controller';
import { PipelineCanaryIndicator } from './pipeline-canary.health';

/** The pipeline canary operators use to see the whole async path work. */
@Module({
  imports: [TerminusModule],
  controllers: [CheckPipelineHttpController, CanaryReplyMessageController],
  providers: [CanaryReplies, PipelineCanaryIndicator],
})
export class PipelineHealthModule {}
