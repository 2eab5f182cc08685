-- CreateTable
CREATE TABLE "JobKey" (
    "key" VARCHAR(300) NOT NULL,
    "queue" VARCHAR(100) NOT NULL,
    "jobId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "JobKey_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "JobKey_createdAt_idx" ON "JobKey"("createdAt");
