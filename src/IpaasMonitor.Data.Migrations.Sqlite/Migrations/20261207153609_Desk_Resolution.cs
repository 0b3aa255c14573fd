using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Desk_Resolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CauseKey",
                table: "Messages",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequeuedBy",
                table: "Messages",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAtUtc",
                table: "Messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResolvedByMessageId",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FailureGroups",
                columns: table => new
                {
                    CauseKey = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    Diagram = table.Column<int>(type: "INTEGER", nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Connections = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FirstSeenUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ExampleMessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Orders = table.Column<int>(type: "INTEGER", nullable: false),
                    OrdersValueCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NoteBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    NoteAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    RefreshedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailureGroups", x => x.CauseKey);
                });

            migrationBuilder.CreateTable(
                name: "RequeueBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CauseKey = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: true),
                    FilterJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Collected = table.Column<bool>(type: "INTEGER", nullable: false),
                    CompletedAtUtc = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequeueBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequeueBatchItems",
                columns: table => new
                {
                    BatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageRowId = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequeueBatchItems", x => new { x.BatchId, x.MessageRowId });
                    table.ForeignKey(
                        name: "FK_RequeueBatchItems_RequeueBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "RequeueBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_FailedByCause",
                table: "Messages",
                columns: new[] { "CauseKey", "ConnectionId", "BusinessKey", "ReceivedAtUtc" },
                filter: "\"Situation\" = 3");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_OpenByItem",
                table: "Messages",
                columns: new[] { "ConnectionId", "Diagram", "BusinessKey" },
                filter: "\"Situation\" IN (3, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_RequeueBatches_CompletedAtUtc",
                table: "RequeueBatches",
                column: "CompletedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RequeueBatchItems_BatchId_State_MessageRowId",
                table: "RequeueBatchItems",
                columns: new[] { "BatchId", "State", "MessageRowId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FailureGroups");

            migrationBuilder.DropTable(
                name: "RequeueBatchItems");

            migrationBuilder.DropTable(
                name: "RequeueBatches");

            migrationBuilder.DropIndex(
                name: "IX_Messages_FailedByCause",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_OpenByItem",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "CauseKey",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "RequeuedBy",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ResolvedAtUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ResolvedByMessageId",
                table: "Messages");
        }
    }
}
