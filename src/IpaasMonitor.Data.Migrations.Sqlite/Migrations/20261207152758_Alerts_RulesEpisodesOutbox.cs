using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Alerts_RulesEpisodesOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConnectionId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    Diagram = table.Column<int>(type: "INTEGER", nullable: true),
                    System = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumItems = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailTo = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Webhooks = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    UpdatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    OpenSubject = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ConnectionId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OpenedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Alerts_AlertRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "AlertRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AlertNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<long>(type: "INTEGER", nullable: false),
                    Event = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAtUtc = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertNotifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertNotifications_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HubRecords_ConnectionId_Kind_ParentKey",
                table: "HubRecords",
                columns: new[] { "ConnectionId", "Kind", "ParentKey" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Id",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_ConnectionId_Stage_Id",
                table: "HubOrders",
                columns: new[] { "ConnectionId", "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HubOrders_Stage_Id",
                table: "HubOrders",
                columns: new[] { "Stage", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertNotifications_AlertId",
                table: "AlertNotifications",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertNotifications_State_NextAttemptAtUtc",
                table: "AlertNotifications",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RuleId_Id",
                table: "Alerts",
                columns: new[] { "RuleId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RuleId_OpenSubject",
                table: "Alerts",
                columns: new[] { "RuleId", "OpenSubject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertNotifications");

            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropTable(
                name: "AlertRules");

            migrationBuilder.DropIndex(
                name: "IX_HubRecords_ConnectionId_Kind_ParentKey",
                table: "HubRecords");

            migrationBuilder.DropIndex(
                name: "IX_HubOrders_ConnectionId_Id",
                table: "HubOrders");

            migrationBuilder.DropIndex(
                name: "IX_HubOrders_ConnectionId_Stage_Id",
                table: "HubOrders");

            migrationBuilder.DropIndex(
                name: "IX_HubOrders_Stage_Id",
                table: "HubOrders");
        }
    }
}
