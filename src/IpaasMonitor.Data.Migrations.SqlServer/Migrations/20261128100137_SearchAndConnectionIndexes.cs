using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IpaasMonitor.Data.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SearchAndConnectionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_BusinessKey",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_CorrelationId",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ShortId",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "BusinessKey", "ReceivedAtUtc", "Situation" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ConnectionId_Situation_ReceivedAtUtc",
                table: "Messages",
                columns: new[] { "ConnectionId", "Situation", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "CorrelationId", "ReceivedAtUtc", "Situation" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ShortId_ReceivedAtUtc_Situation",
                table: "Messages",
                columns: new[] { "ShortId", "ReceivedAtUtc", "Situation" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_BusinessKey_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ConnectionId_Situation_ReceivedAtUtc",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_CorrelationId_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ShortId_ReceivedAtUtc_Situation",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BusinessKey",
                table: "Messages",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_CorrelationId",
                table: "Messages",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ShortId",
                table: "Messages",
                column: "ShortId");
        }
    }
}
