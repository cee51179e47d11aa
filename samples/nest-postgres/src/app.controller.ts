import { BadRequestException, Body, Controller, Get, Post } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { User } from './user.entity';

@Controller()
export class AppController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Get()
  hello(): string {
    return 'Demo de docker';
  }

  @Get('users')
  findAll(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  @Post('users')
  create(@Body() body: { name?: string; email?: string }): Promise<User> {
    if (!body?.name || !body?.email) {
      throw new BadRequestException('name and email are required');
    }
    return this.users.save(this.users.create({ name: body.name, email: body.email }));
  }
}
