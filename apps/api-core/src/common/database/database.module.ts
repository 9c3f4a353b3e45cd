import { type DynamicModule, Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { openDatabase, PrismaClient, type Database } from '@creator-payouts/prisma';
import type { AppConfig } from '../config/app-config';

export const DATABASE = Symbol('DATABASE');

/**
 * Opens the database chosen by the configuration (PostgreSQL for a
 * `DATABASE_URL`, the embedded PGlite database otherwise), applies pending
 * migrations before the app serves, and provides `PrismaClient`.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATABASE,
          inject: [ConfigService],
          useFactory: async (config: ConfigService<AppConfig, true>) => {
            const database = openDatabase(config.get('database', { infer: true }));
            const applied = await database.migrate();
            new Logger(DatabaseModule.name).log(
              `Database: ${database.kind} at ${database.location}` + (applied.length ? `, applied migrations ${applied.join(', ')}` : ''),
            );
            return database;
          },
        },
        { provide: PrismaClient, inject: [DATABASE], useFactory: (database: Database) => database.prisma },
      ],
      exports: [DATABASE, PrismaClient],
    };
  }

  constructor(@Inject(DATABASE) private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}
