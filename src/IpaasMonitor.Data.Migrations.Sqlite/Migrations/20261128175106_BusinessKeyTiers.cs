using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BusinessKeyTiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_BusinessKey_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Diagram_ReceivedAtUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ReceivedAtUtc",
                table: "Messages");

            migrationBuilder.AddColumn<int>(
                name: "KeyTier",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                // Settled (1): the messages already stored are in the index that is built from them below. New
                // messages are written with Recent (0) by the application (ADR-013).
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_Recent",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Situation" },
                filter: "\"KeyTier\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_Settled",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Situation" },
                filter: "\"KeyTier\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_BusinessKey_Recent",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_BusinessKey_Settled",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "KeyTier",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Situation" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Diagram_ReceivedAtUtc",
                table: "Messages",
                columns: new[] { "Diagram", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ReceivedAtUtc",
                table: "Messages",
                column: "ReceivedAtUtc");
        }
    }
}
